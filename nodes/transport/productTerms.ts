/**
 * How the transport's own messages (an endpoint that leaves the credential's address, redirects,
 * deadlines, dropped connections, a web page instead of data) name the product and the address
 * in the credential, so that each user reads the words of their own credential: a Cloud user
 * never reads "Web API Address" or "GET v3/jobs".
 */
export interface ProductTerms {
	/** Who answers: "Alteryx Server". */
	product: string;
	/** What the user calls the API: "the Web API". */
	api: string;
	/** The credential's address, as its field is labelled: "the Web API Address". */
	address: string;
	/** What to check of that address when something else answered: says where it comes from. */
	addressCheck: string;
	/** A path relative to the address, for examples: "v3/workflows". */
	examplePath: string;
	/** Where the user sees whether a POST that was not sent again ran: "with GET v3/jobs". */
	runsListedIn: string;
	/** Whether the credential has "Ignore SSL Issues (Insecure)" to suggest for a private CA. */
	canIgnoreSslIssues: boolean;
}

export const SERVER_TERMS: Readonly<ProductTerms> = {
	product: 'Alteryx Server',
	api: 'the Web API',
	address: 'the Web API Address',
	addressCheck:
		'the Web API Address (the one from System Settings, with the right scheme and host)',
	examplePath: 'v3/workflows',
	runsListedIn: 'with GET v3/jobs',
	canIgnoreSslIssues: true,
};

/** Alteryx Server 2021.4 and older, through the legacy Gallery API (OAuth 1.0a). */
export const GALLERY_TERMS: Readonly<ProductTerms> = {
	product: 'Alteryx Server',
	api: 'the Gallery API',
	address: 'the Gallery API Address',
	addressCheck:
		'the Gallery API Address (your Gallery’s address followed by /gallery/api/, with the right scheme and host)',
	examplePath: 'v1/workflows/subscription/',
	runsListedIn: 'in the Gallery’s job list of the workflow',
	canIgnoreSslIssues: true,
};

export const CLOUD_TERMS: Readonly<ProductTerms> = {
	product: 'Alteryx Analytics Cloud',
	api: 'the API',
	address: 'the addresses in the credential',
	addressCheck: 'the Region in the credential (for Custom, its v4 and gateway addresses)',
	examplePath: 'v4/people/current',
	runsListedIn: 'in the job library or the plan’s runs',
	canIgnoreSslIssues: false,
};
