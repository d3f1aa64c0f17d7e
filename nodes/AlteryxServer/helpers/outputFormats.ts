/** The V1 output formats Alteryx can convert an output to (reference §5): Run and the trigger. */
export const outputFormatOptions = [
	'Csv',
	'Dbf',
	'Docx',
	'Html',
	'Kml',
	'Mif',
	'Pdf',
	'Raw',
	'Shp',
	'Tab',
	'Tde',
	'Xlsx',
	'Yxdb',
	'Zip',
].map((format) => ({ name: format, value: format }));
