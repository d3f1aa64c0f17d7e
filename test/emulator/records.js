'use strict';

// Constructors for stored records, shared by the seed and by the create endpoints so both produce
// the same shape.

const { objectId, derivedHex } = require('./ids');
const crypto = require('node:crypto');

/** A user record. API key/secret are what the token endpoint checks (My Profile → Keys). */
function makeUser(fields) {
	const id = fields.id || objectId();
	return {
		id,
		firstName: '',
		lastName: '',
		email: '',
		role: 'Evaluated',
		defaultWorkerTag: '',
		canScheduleJobs: false,
		canPrioritizeJobs: false,
		canAssignJobs: false,
		canCreateCollections: false,
		isApiEnabled: false,
		defaultCredentialId: null,
		isAccountLocked: false,
		isActive: true,
		isValidated: true,
		lastLoginDateTime: null,
		timeZone: 'Etc/UTC',
		language: 'en-us',
		canCreateAndUpdateDcm: false,
		canShareForExecutionDcm: false,
		canShareForCollaborationDcm: false,
		canManageGenericVaultsDcm: false,
		dateCreated: new Date().toISOString(),
		subscriptionId: null,
		apiKey: fields.apiKey || crypto.randomBytes(16).toString('hex'),
		apiSecret: fields.apiSecret || crypto.randomBytes(32).toString('hex'),
		...fields,
	};
}

function seededApiKeys(label) {
	return {
		apiKey: derivedHex(`alteryx-emulator:${label}:key`, 32),
		apiSecret: derivedHex(`alteryx-emulator:${label}:secret`, 64),
	};
}

/**
 * A workflow version. `pkg` is the .yxzp bytes and `inspected` what packages.inspectPackage found.
 */
function makeVersion({ versionId, versionNumber, date, pkg, inspected, name, settings, comments }) {
	return {
		versionId: versionId || objectId(new Date(date)),
		versionNumber,
		dateCreated: date,
		uploadSource: 'ServerUIorServerAPI',
		uploadDate: date,
		packageWorkflowType: inspected.packageWorkflowType,
		comments: comments || '',
		runDisabled: false,
		executionMode: settings.executionMode || 'Standard',
		workflowCredentialType: settings.workflowCredentialType || 'Default',
		credentialId: settings.credentialId || '',
		hasPrivateDataExemption: Boolean(settings.hasPrivateDataExemption),
		othersMayDownload: Boolean(settings.othersMayDownload),
		othersCanViewHistory: Boolean(settings.othersCanViewHistory),
		details: {
			isAmp: true,
			fileName: inspected.fileName,
			author: inspected.author || '',
			copyright: '',
			description: inspected.description || '',
			name,
			noOutputFilesMessage: '',
			outputMessage: '',
			url: '',
			urlText: '',
		},
		questions: inspected.questions,
		package: Buffer.from(pkg),
	};
}

/**
 * How the emulated runs of a workflow end: disposition Success | Warning | Error, the message
 * shown for Warning/Error, and the output files a successful run writes.
 */
function makeSimulation(fields = {}) {
	return {
		disposition: 'Success',
		errorMessage: null,
		warningMessage: null,
		outputs: [{ fileName: 'output.csv', availableFormats: ['Raw', 'Csv', 'Xlsx'] }],
		...fields,
	};
}

module.exports = { makeUser, seededApiKeys, makeVersion, makeSimulation };
