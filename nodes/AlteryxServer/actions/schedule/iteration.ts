import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { toIsoDateTime, toStringList } from '../../helpers/parameters';

/**
 * The recurrence of a schedule (IterationContract) as friendly fields, one group per
 * iterationType, and the reader that turns them back into the contract. Create shows them
 * always; Update and Update (Patch) behind "Change Recurrence".
 */

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const dayOptions: INodePropertyOptions[] = DAYS.map((day) => ({ name: day, value: day })).sort(
	(a, b) => a.name.localeCompare(b.name),
);

const MONTHS = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December',
];

const monthOptions: INodePropertyOptions[] = MONTHS.map((month, index) => ({
	name: month,
	value: index + 1,
})).sort((a, b) => a.name.localeCompare(b.name));

export const iterationTypeOptions: INodePropertyOptions[] = [
	{
		name: 'Cron Expression',
		value: 'Cron',
		description: 'Runs whenever a five-field cron expression matches (newer servers only)',
	},
	{
		name: 'Custom',
		value: 'Custom',
		description: 'Runs on chosen days of chosen months, at the time of day of the start time',
	},
	{
		name: 'Daily',
		value: 'Daily',
		description: 'Runs every day (or every weekday) at the time of day of the start time',
	},
	{
		name: 'Hourly',
		value: 'Hourly',
		description: 'Runs every given number of hours and minutes, counted from the start time',
	},
	{
		name: 'Monthly',
		value: 'Monthly',
		description:
			'Runs once a month, on a day of the month or on e.g. the second Tuesday, at the time of day of the start time',
	},
	{ name: 'Once', value: 'Once', description: 'Runs a single time, at the start time' },
	{
		name: 'Weekly',
		value: 'Weekly',
		description: 'Runs on chosen days of the week at the time of day of the start time',
	},
];

const show = (extra: IDataObject, condition: IDataObject): IDisplayOptions => ({
	show: { ...extra, ...condition } as IDisplayOptions['show'],
});

/**
 * The recurrence fields. `extraShow` adds a display condition to every field (e.g.
 * `{ changeIteration: [true] }` on the update operations).
 */
export function iterationProperties(extraShow: IDataObject = {}): INodeProperties[] {
	return [
		{
			displayName: 'Recurrence',
			name: 'iterationType',
			type: 'options',
			options: iterationTypeOptions,
			default: 'Daily',
			required: true,
			displayOptions: show(extraShow, {}),
			description: 'How often the schedule runs the workflow',
		},
		{
			displayName: 'Start Time',
			name: 'startTime',
			type: 'dateTime',
			default: '',
			required: true,
			displayOptions: show(extraShow, {}),
			description:
				'The first (or only) run. For Daily, Weekly, Monthly and Custom its time of day is the time of every run. Without a Time Zone the time is sent to Alteryx as UTC; with a Time Zone the wall-clock time entered here is sent unchanged and Alteryx reads it in that zone. Alteryx may refuse start times in the past.',
		},
		{
			displayName: 'Every (Hours)',
			name: 'hourlyHours',
			type: 'number',
			default: 1,
			typeOptions: { minValue: 0 },
			displayOptions: show(extraShow, { iterationType: ['Hourly'] }),
			description: 'Hours between runs; together with Every (Minutes) at least one minute',
		},
		{
			displayName: 'Every (Minutes)',
			name: 'hourlyMinutes',
			type: 'number',
			default: 0,
			typeOptions: { minValue: 0, maxValue: 59 },
			displayOptions: show(extraShow, { iterationType: ['Hourly'] }),
			description: 'Minutes added to the hours between runs (0 to 59)',
		},
		{
			displayName: 'Weekdays Only',
			name: 'runOnlyWorkWeek',
			type: 'boolean',
			default: false,
			displayOptions: show(extraShow, { iterationType: ['Daily'] }),
			description: 'Whether to skip Saturdays and Sundays',
		},
		{
			displayName: 'Days of the Week',
			name: 'daysOfWeek',
			type: 'multiOptions',
			options: dayOptions,
			default: [],
			required: true,
			displayOptions: show(extraShow, { iterationType: ['Weekly'] }),
			description: 'The days the schedule runs on (at least one)',
		},
		{
			displayName: 'Run On',
			name: 'monthlyMode',
			type: 'options',
			options: [
				{
					name: 'Day of the Month',
					value: 'dayOfMonth',
					description: 'A fixed date, e.g. the 15th',
				},
				{
					name: 'Weekday of the Month',
					value: 'weekdayOfMonth',
					description: 'Such as the first Monday or the last Friday',
				},
			],
			default: 'dayOfMonth',
			displayOptions: show(extraShow, { iterationType: ['Monthly'] }),
		},
		{
			displayName: 'Day of the Month',
			name: 'dayOfMonth',
			type: 'number',
			default: 1,
			typeOptions: { minValue: 1, maxValue: 31 },
			displayOptions: show(extraShow, {
				iterationType: ['Monthly'],
				monthlyMode: ['dayOfMonth'],
			}),
			description: 'The date in each month, 1 to 31 (shorter months run on their last day)',
		},
		{
			displayName: 'Occurrence',
			name: 'occurrence',
			type: 'options',
			options: [
				{ name: 'First', value: 1 },
				{ name: 'Fourth', value: 4 },
				{ name: 'Last', value: -1 },
				{ name: 'Second', value: 2 },
				{ name: 'Third', value: 3 },
			],
			default: 1,
			displayOptions: show(extraShow, {
				iterationType: ['Monthly'],
				monthlyMode: ['weekdayOfMonth'],
			}),
			description: 'Which of that weekday in the month, e.g. First for the first Monday',
		},
		{
			displayName: 'Weekday',
			name: 'monthlyDayOfWeek',
			type: 'options',
			options: dayOptions,
			default: 'Monday',
			displayOptions: show(extraShow, {
				iterationType: ['Monthly'],
				monthlyMode: ['weekdayOfMonth'],
			}),
			description: 'The day of the week, e.g. Monday for the first Monday',
		},
		{
			displayName: 'Days of the Month',
			name: 'customDaysOfMonth',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 1, 15, 28',
			displayOptions: show(extraShow, { iterationType: ['Custom'] }),
			description:
				'The dates (1 to 31) the schedule runs on in the chosen months: comma-separated or a JSON array',
		},
		{
			displayName: 'Months',
			name: 'customMonths',
			type: 'multiOptions',
			options: monthOptions,
			default: [],
			required: true,
			displayOptions: show(extraShow, { iterationType: ['Custom'] }),
			description: 'The months the schedule runs in (at least one)',
		},
		{
			displayName: 'Cron Expression',
			name: 'cronExpression',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 30 6 * * 1-5',
			displayOptions: show(extraShow, { iterationType: ['Cron'] }),
			description:
				'Five fields separated by spaces: minute (0-59), hour (0-23), day of month (1-31), month (1-12), day of week (0-7, Sunday is 0 and 7). "30 6 * * 1-5" runs at 06:30 Monday to Friday. Runs only after the start time.',
		},
		{
			displayName: 'End Time',
			name: 'endTime',
			type: 'dateTime',
			default: '',
			displayOptions: {
				...show(extraShow, {}),
				hide: { iterationType: ['Once'] },
			},
			description:
				'When the schedule stops running (same time zone rules as Start Time). Empty runs indefinitely.',
		},
	];
}

/**
 * A dateTime parameter as Alteryx's schedule endpoints want it: UTC ('…Z') when the schedule
 * has no time zone, otherwise the wall-clock time as entered ('yyyy-MM-ddTHH:mm:ss', no
 * offset), which Alteryx reads in the schedule's time zone.
 */
export function scheduleDateTime(
	this: IExecuteFunctions,
	value: unknown,
	zoned: boolean,
	fieldName: string,
	itemIndex: number,
): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (!zoned) return toIsoDateTime.call(this, value, fieldName, itemIndex);
	const wallClock = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(:\d{2})?)?/.exec(String(value));
	if (wallClock) return `${wallClock[1]}T${wallClock[2] ?? '00:00'}${wallClock[3] ?? ':00'}`;
	return toIsoDateTime.call(this, value, fieldName, itemIndex)?.slice(0, 19);
}

function configurationError(
	this: IExecuteFunctions,
	message: string,
	description: string,
	itemIndex: number,
): NodeOperationError {
	return new NodeOperationError(this.getNode(), message, { description, itemIndex });
}

/** Builds the IterationContract from the recurrence fields of the item. */
export function readIteration(
	this: IExecuteFunctions,
	itemIndex: number,
	zoned: boolean,
): IDataObject {
	const iterationType = this.getNodeParameter('iterationType', itemIndex) as string;
	const startTime = scheduleDateTime.call(
		this,
		this.getNodeParameter('startTime', itemIndex, ''),
		zoned,
		'Start Time',
		itemIndex,
	);
	if (!startTime) {
		throw configurationError.call(
			this,
			'Start Time is required',
			'Alteryx needs the date and time of the first run, even for recurring schedules.',
			itemIndex,
		);
	}
	const iteration: IDataObject = { iterationType, startTime };

	if (iterationType !== 'Once') {
		const endTime = scheduleDateTime.call(
			this,
			this.getNodeParameter('endTime', itemIndex, ''),
			zoned,
			'End Time',
			itemIndex,
		);
		if (endTime) {
			if (Date.parse(endTime) <= Date.parse(startTime)) {
				throw configurationError.call(
					this,
					'End Time must be later than Start Time',
					`Start Time is ${startTime}, End Time is ${endTime}. Leave End Time empty to run indefinitely.`,
					itemIndex,
				);
			}
			iteration.endTime = endTime;
		}
	}

	switch (iterationType) {
		case 'Hourly': {
			const hours = Math.trunc(Number(this.getNodeParameter('hourlyHours', itemIndex, 1)));
			const minutes = Math.trunc(Number(this.getNodeParameter('hourlyMinutes', itemIndex, 0)));
			if (
				!Number.isFinite(hours) ||
				!Number.isFinite(minutes) ||
				hours < 0 ||
				minutes < 0 ||
				minutes > 59 ||
				hours * 60 + minutes < 1
			) {
				throw configurationError.call(
					this,
					'The hourly interval must be at least one minute',
					'Set Every (Hours) to 0 or more and Every (Minutes) to 0–59, not both 0.',
					itemIndex,
				);
			}
			iteration.hourlyContract = { hours, minutes };
			break;
		}
		case 'Daily':
			iteration.dailyContract = {
				runOnlyWorkWeek: this.getNodeParameter('runOnlyWorkWeek', itemIndex, false) as boolean,
			};
			break;
		case 'Weekly': {
			const chosen = toStringList.call(
				this,
				this.getNodeParameter('daysOfWeek', itemIndex, []),
				'Days of the Week',
				itemIndex,
			);
			const daysOfWeek = chosen.map((day) =>
				DAYS.find((candidate) => candidate.toLowerCase() === day.toLowerCase()),
			);
			if (daysOfWeek.length === 0 || daysOfWeek.some((day) => day === undefined)) {
				throw configurationError.call(
					this,
					'Choose at least one valid day of the week',
					`Got "${chosen.join(', ')}". Use English day names, e.g. Monday, Friday.`,
					itemIndex,
				);
			}
			iteration.weeklyContract = { daysOfWeek: DAYS.filter((day) => daysOfWeek.includes(day)) };
			break;
		}
		case 'Monthly': {
			const mode = this.getNodeParameter('monthlyMode', itemIndex, 'dayOfMonth') as string;
			if (mode === 'weekdayOfMonth') {
				iteration.monthlyContract = {
					simpleDayOfMonth: false,
					occurrence: Number(this.getNodeParameter('occurrence', itemIndex, 1)),
					dayOfWeek: this.getNodeParameter('monthlyDayOfWeek', itemIndex, 'Monday') as string,
				};
			} else {
				const dayOfMonth = Math.trunc(Number(this.getNodeParameter('dayOfMonth', itemIndex, 1)));
				if (!(dayOfMonth >= 1 && dayOfMonth <= 31)) {
					throw configurationError.call(
						this,
						'Day of the Month must be between 1 and 31',
						`Got ${String(dayOfMonth)}.`,
						itemIndex,
					);
				}
				iteration.monthlyContract = { simpleDayOfMonth: true, dayOfMonth };
			}
			break;
		}
		case 'Custom': {
			const rawDays = toStringList.call(
				this,
				this.getNodeParameter('customDaysOfMonth', itemIndex, ''),
				'Days of the Month',
				itemIndex,
			);
			const daysOfMonth = rawDays.map(Number);
			if (
				daysOfMonth.length === 0 ||
				daysOfMonth.some((day) => !Number.isInteger(day) || day < 1 || day > 31)
			) {
				throw configurationError.call(
					this,
					'Days of the Month must list dates from 1 to 31',
					`Got "${rawDays.join(', ')}". Example: 1, 15, 28.`,
					itemIndex,
				);
			}
			const rawMonths = toStringList.call(
				this,
				this.getNodeParameter('customMonths', itemIndex, []),
				'Months',
				itemIndex,
			);
			const months = rawMonths.map(Number);
			if (
				months.length === 0 ||
				months.some((month) => !Number.isInteger(month) || month < 1 || month > 12)
			) {
				throw configurationError.call(
					this,
					'Choose at least one month',
					'Months are numbered 1 (January) to 12 (December).',
					itemIndex,
				);
			}
			iteration.customContract = {
				daysOfMonth: [...new Set(daysOfMonth)].sort((a, b) => a - b),
				months: [...new Set(months)].sort((a, b) => a - b),
			};
			break;
		}
		case 'Cron': {
			const cronExpression = String(this.getNodeParameter('cronExpression', itemIndex, ''))
				.trim()
				.replace(/\s+/g, ' ');
			if (cronExpression.split(' ').length !== 5) {
				throw configurationError.call(
					this,
					'The cron expression needs exactly five fields',
					`Got "${cronExpression}". Use minute hour day-of-month month day-of-week, e.g. "30 6 * * 1-5".`,
					itemIndex,
				);
			}
			iteration.cronContract = { cronExpression };
			break;
		}
	}
	return iteration;
}
