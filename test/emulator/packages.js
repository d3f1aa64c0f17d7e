'use strict';

// Workflow packages (.yxzp) are zip files holding the workflow XML. Seeded packages are generated
// here; uploaded ones are inspected to fill packageWorkflowType, WorkflowDetails and questions
// (the docs say "We don't validate any workflows uploaded via the V3 endpoints", so anything that
// is not a zip is still accepted and treated as a plain workflow).

const { createZip, readZip } = require('./zip');

const EXTENSIONS = { App: '.yxwz', Module: '.yxmd', Macro: '.yxmc' };

const xmlEscape = (text) =>
	String(text).replace(
		/[<>&"']/g,
		(c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c],
	);
const xmlUnescape = (text) =>
	String(text).replace(
		/&(lt|gt|amp|quot|apos);/g,
		(_, e) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e],
	);

// Question types as the API reports them (V1 samples use the Question<Type> names); the XML keeps
// the short Designer name.
function questionXml(question) {
	const shortType = question.questionType.replace(/^Question/, '');
	const items = (question.items || [])
		.map(
			(item) => `          <Item key="${xmlEscape(item.key)}" value="${xmlEscape(item.value)}" />`,
		)
		.join('\n');
	return [
		'      <Question>',
		`        <Type>${xmlEscape(shortType)}</Type>`,
		`        <Name>${xmlEscape(question.name)}</Name>`,
		`        <Description>${xmlEscape(question.description || '')}</Description>`,
		`        <Default>${xmlEscape(question.value || '')}</Default>`,
		`        <Multiple value="${question.multiple ? 'True' : 'False'}" />`,
		items ? `        <Items>\n${items}\n        </Items>` : '        <Items />',
		'      </Question>',
	].join('\n');
}

function workflowXml({ name, type, questions = [], description = '', author = '' }) {
	const questionBlock = questions.length
		? `  <Questions>\n${questions.map(questionXml).join('\n')}\n  </Questions>\n`
		: '';
	return (
		'<?xml version="1.0"?>\n' +
		`<AlteryxDocument yxmdVer="2024.1" RunE2="F">\n` +
		'  <Nodes>\n' +
		'    <Node ToolID="1"><GuiSettings Plugin="AlteryxBasePluginsGui.DbFileInput.DbFileInput" /></Node>\n' +
		'    <Node ToolID="2"><GuiSettings Plugin="AlteryxBasePluginsGui.DbFileOutput.DbFileOutput" /></Node>\n' +
		'  </Nodes>\n' +
		'  <Connections><Connection><Origin ToolID="1" Connection="Output" /><Destination ToolID="2" Connection="Input" /></Connection></Connections>\n' +
		questionBlock +
		'  <Properties>\n' +
		`    <MetaInfo><Name>${xmlEscape(name)}</Name><Description>${xmlEscape(description)}</Description>` +
		`<Author>${xmlEscape(author)}</Author><WorkflowType>${type}</WorkflowType></MetaInfo>\n` +
		'  </Properties>\n' +
		'</AlteryxDocument>\n'
	);
}

/** Builds a small, valid .yxzp (zip) for a seeded workflow. */
function buildPackage(spec) {
	const fileName = `${spec.name}${EXTENSIONS[spec.type] || '.yxmd'}`;
	return createZip([{ name: fileName, data: workflowXml(spec) }]);
}

function tag(xml, name) {
	const match = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml);
	return match ? xmlUnescape(match[1].trim()) : '';
}

function parseQuestions(xml) {
	const questions = [];
	const block = /<Questions>([\s\S]*)<\/Questions>/.exec(xml);
	if (!block) return questions;
	for (const match of block[1].matchAll(/<Question>([\s\S]*?)<\/Question>/g)) {
		const body = match[1];
		const type = tag(body, 'Type');
		if (!type || type === 'Tab') continue;
		questions.push({
			name: tag(body, 'Name'),
			questionType: `Question${type}`,
			description: tag(body, 'Description'),
			value: tag(body, 'Default'),
			multiple: /<Multiple value="True"/i.test(body),
			items: [...body.matchAll(/<Item key="([^"]*)" value="([^"]*)"/g)].map((m) => ({
				key: xmlUnescape(m[1]),
				value: xmlUnescape(m[2]),
			})),
		});
	}
	return questions;
}

/**
 * @returns {{ packageWorkflowType: 'App'|'Module'|'Macro', fileName: string, questions: object[],
 *   description: string, author: string }}
 */
function inspectPackage(bytes, fallbackName) {
	const entries = readZip(bytes) || [];
	const main =
		entries.find((e) => /\.yxwz$/i.test(e.name)) ||
		entries.find((e) => /\.yxmd$/i.test(e.name)) ||
		entries.find((e) => /\.yxmc$/i.test(e.name));
	if (!main) {
		return {
			packageWorkflowType: 'Module',
			fileName: `${fallbackName}.yxmd`,
			questions: [],
			description: '',
			author: '',
		};
	}
	const type = /\.yxwz$/i.test(main.name) ? 'App' : /\.yxmc$/i.test(main.name) ? 'Macro' : 'Module';
	let xml = '';
	try {
		xml = main.read().toString('utf8');
	} catch {
		xml = '';
	}
	return {
		packageWorkflowType: type,
		fileName: main.name.split('/').pop(),
		questions: type === 'App' ? parseQuestions(xml) : [],
		description: tag(xml, 'Description'),
		author: tag(xml, 'Author'),
	};
}

module.exports = { buildPackage, inspectPackage, workflowXml };
