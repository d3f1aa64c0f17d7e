'use strict';

// Deterministic job output files for the V1 download endpoint. The content is derived from the
// job id, the output and the question values, so tests can assert on it without storing files.

const crypto = require('node:crypto');
const { createZip } = require('./zip');

const ROWS = 5;

const CONTENT_TYPES = {
	Csv: 'text/csv; charset=utf-8',
	Xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	Raw: 'application/octet-stream',
};

function outputTable(job, output) {
	const questions = job.questions || [];
	const columns = ['JobId', 'Workflow', 'Output', 'Row', ...questions.map((q) => q.name), 'Value'];
	const rows = [];
	for (let row = 1; row <= ROWS; row++) {
		const digest = crypto.createHash('sha256').update(`${job.id}:${output.id}:${row}`).digest();
		const value = (digest.readUInt32BE(0) % 1000000) / 100;
		rows.push([
			job.id,
			job.workflowName,
			output.fileName,
			row,
			...questions.map((q) => q.value),
			value.toFixed(2),
		]);
	}
	return { columns, rows };
}

function csvCell(value) {
	const text = String(value ?? '');
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function toCsv({ columns, rows }) {
	return [columns, ...rows].map((line) => line.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

const xmlEscape = (text) =>
	String(text).replace(
		/[<>&"]/g,
		(c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c],
	);

function columnName(index) {
	let name = '';
	for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
		name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
	return name;
}

// The smallest workbook Excel and common readers accept: inline strings, no shared strings table.
function toXlsx({ columns, rows }) {
	const sheetRows = [columns, ...rows]
		.map((line, r) => {
			const cells = line
				.map((value, c) => {
					const ref = `${columnName(c)}${r + 1}`;
					return typeof value === 'number'
						? `<c r="${ref}"><v>${value}</v></c>`
						: `<c r="${ref}" t="inlineStr"><is><t>${xmlEscape(value)}</t></is></c>`;
				})
				.join('');
			return `<row r="${r + 1}">${cells}</row>`;
		})
		.join('');
	const ns = 'http://schemas.openxmlformats.org';
	return createZip([
		{
			name: '[Content_Types].xml',
			data:
				'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
				`<Types xmlns="${ns}/package/2006/content-types">` +
				'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
				'<Default Extension="xml" ContentType="application/xml"/>' +
				'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
				'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
				'</Types>',
		},
		{
			name: '_rels/.rels',
			data:
				'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
				`<Relationships xmlns="${ns}/package/2006/relationships">` +
				`<Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
				'</Relationships>',
		},
		{
			name: 'xl/workbook.xml',
			data:
				'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
				`<workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="${ns}/officeDocument/2006/relationships">` +
				'<sheets><sheet name="Output" sheetId="1" r:id="rId1"/></sheets></workbook>',
		},
		{
			name: 'xl/_rels/workbook.xml.rels',
			data:
				'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
				`<Relationships xmlns="${ns}/package/2006/relationships">` +
				`<Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
				'</Relationships>',
		},
		{
			name: 'xl/worksheets/sheet1.xml',
			data:
				'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
				`<worksheet xmlns="${ns}/spreadsheetml/2006/main"><sheetData>${sheetRows}</sheetData></worksheet>`,
		},
	]);
}

function baseName(fileName) {
	return fileName.replace(/\.[^.]+$/, '');
}

/**
 * @param {'Raw'|'Csv'|'Xlsx'} format  already checked against output.availableFormats
 * @returns {{ fileName: string, contentType: string, body: Buffer }}
 */
function renderOutput(job, output, format) {
	const table = outputTable(job, output);
	if (format === 'Xlsx') {
		return {
			fileName: `${baseName(output.fileName)}.xlsx`,
			contentType: CONTENT_TYPES.Xlsx,
			body: toXlsx(table),
		};
	}
	if (format === 'Csv') {
		return {
			fileName: `${baseName(output.fileName)}.csv`,
			contentType: CONTENT_TYPES.Csv,
			body: Buffer.from(toCsv(table), 'utf8'),
		};
	}
	// Raw is the file exactly as the workflow wrote it; every emulated output is a CSV file.
	return {
		fileName: output.fileName,
		contentType: CONTENT_TYPES.Raw,
		body: Buffer.from(toCsv(table), 'utf8'),
	};
}

module.exports = { renderOutput, outputTable, toCsv, toXlsx };
