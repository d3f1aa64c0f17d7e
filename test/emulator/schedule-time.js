'use strict';

// Next-run computation for schedule iterations. All times are handled in UTC; a schedule's
// `timeZone` is stored and echoed but not applied (the emulator does not ship a tz database).

const DAY_MS = 24 * 60 * 60 * 1000;
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const SEARCH_DAYS = 5 * 366;

function parseCronField(field, min, max, { sundaySeven = false } = {}) {
	const values = new Set();
	for (const part of field.split(',')) {
		const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
		if (!match) throw new Error(`Invalid cron field "${field}"`);
		let from = min;
		let to = max;
		if (match[2] !== undefined) {
			from = Number(match[2]);
			to = match[3] !== undefined ? Number(match[3]) : match[4] ? max : from;
		}
		const step = match[4] ? Number(match[4]) : 1;
		if (from < min || to > max || from > to || step < 1)
			throw new Error(`Invalid cron field "${field}"`);
		for (let v = from; v <= to; v += step) values.add(sundaySeven && v === 7 ? 0 : v);
	}
	return values;
}

/** 5 fields: minute hour day-of-month month day-of-week (0-7, Sunday is 0 and 7). */
function parseCron(expression) {
	const fields = String(expression || '')
		.trim()
		.split(/\s+/);
	if (fields.length !== 5)
		throw new Error('A cron expression needs 5 fields: minute hour day-of-month month day-of-week');
	return {
		minutes: [...parseCronField(fields[0], 0, 59)].sort((a, b) => a - b),
		hours: [...parseCronField(fields[1], 0, 23)].sort((a, b) => a - b),
		daysOfMonth: parseCronField(fields[2], 1, 31),
		months: parseCronField(fields[3], 1, 12),
		daysOfWeek: parseCronField(fields[4], 0, 7, { sundaySeven: true }),
		domRestricted: fields[2] !== '*',
		dowRestricted: fields[4] !== '*',
	};
}

function cronDayMatches(cron, date) {
	if (!cron.months.has(date.getUTCMonth() + 1)) return false;
	const dom = cron.daysOfMonth.has(date.getUTCDate());
	const dow = cron.daysOfWeek.has(date.getUTCDay());
	// Vixie cron: when both day fields are restricted, either may match.
	if (cron.domRestricted && cron.dowRestricted) return dom || dow;
	if (cron.domRestricted) return dom;
	if (cron.dowRestricted) return dow;
	return true;
}

function startOfUtcDay(ms) {
	return Math.floor(ms / DAY_MS) * DAY_MS;
}

function daysInMonth(date) {
	return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
}

function dayMatcher(iteration) {
	switch (iteration.iterationType) {
		case 'Daily':
			return (d) =>
				!(iteration.dailyContract && iteration.dailyContract.runOnlyWorkWeek) ||
				(d.getUTCDay() !== 0 && d.getUTCDay() !== 6);
		case 'Weekly': {
			const days = new Set(
				((iteration.weeklyContract || {}).daysOfWeek || []).map((d) => DAYS.indexOf(d)),
			);
			return (d) => days.has(d.getUTCDay());
		}
		case 'Monthly': {
			const monthly = iteration.monthlyContract || {};
			if (monthly.simpleDayOfMonth) {
				return (d) => d.getUTCDate() === Math.min(monthly.dayOfMonth || 1, daysInMonth(d));
			}
			const weekday = DAYS.indexOf(monthly.dayOfWeek || 'Monday');
			return (d) => {
				if (d.getUTCDay() !== weekday) return false;
				const nth = Math.floor((d.getUTCDate() - 1) / 7) + 1;
				const isLast = d.getUTCDate() + 7 > daysInMonth(d);
				// occurrence 1-4 is "the nth", anything else (5 or -1) means "the last".
				return monthly.occurrence >= 1 && monthly.occurrence <= 4
					? nth === monthly.occurrence
					: isLast;
			};
		}
		case 'Custom': {
			const custom = iteration.customContract || {};
			const days = new Set(custom.daysOfMonth || []);
			const months = new Set(custom.months || []);
			return (d) => days.has(d.getUTCDate()) && months.has(d.getUTCMonth() + 1);
		}
		default:
			return () => false;
	}
}

/**
 * First run at or after `fromMs`, or null when the schedule has no run left.
 * @param {object} iteration  an IterationContract (already validated)
 */
function nextRun(iteration, fromMs) {
	const startMs = Date.parse(iteration.startTime);
	const endMs = iteration.endTime ? Date.parse(iteration.endTime) : Infinity;
	const from = Math.max(fromMs, startMs);
	let next = null;
	if (iteration.iterationType === 'Once') {
		next = startMs >= fromMs ? startMs : null;
	} else if (iteration.iterationType === 'Hourly') {
		const hourly = iteration.hourlyContract || {};
		const interval = ((hourly.hours || 0) * 60 + (hourly.minutes || 0)) * 60000;
		if (interval > 0) next = startMs + Math.ceil((from - startMs) / interval) * interval;
	} else if (iteration.iterationType === 'Cron') {
		let cron;
		try {
			cron = parseCron(iteration.cronContract && iteration.cronContract.cronExpression);
		} catch {
			return null;
		}
		for (
			let day = startOfUtcDay(from), i = 0;
			i < SEARCH_DAYS && next === null;
			i++, day += DAY_MS
		) {
			if (!cronDayMatches(cron, new Date(day))) continue;
			for (const hour of cron.hours) {
				const minute = cron.minutes.find((m) => day + hour * 3600000 + m * 60000 >= from);
				if (minute !== undefined) {
					next = day + hour * 3600000 + minute * 60000;
					break;
				}
			}
		}
	} else {
		const matches = dayMatcher(iteration);
		const timeOfDay = startMs - startOfUtcDay(startMs);
		for (let day = startOfUtcDay(from), i = 0; i < SEARCH_DAYS; i++, day += DAY_MS) {
			const candidate = day + timeOfDay;
			if (candidate >= from && matches(new Date(day))) {
				next = candidate;
				break;
			}
		}
	}
	return next !== null && next <= endMs ? next : null;
}

function frequencyOf(iteration) {
	switch (iteration.iterationType) {
		case 'Hourly': {
			const h = iteration.hourlyContract || {};
			return `Every ${h.hours || 0} hour(s) ${h.minutes || 0} minute(s)`;
		}
		case 'Weekly':
			return `Weekly on ${((iteration.weeklyContract || {}).daysOfWeek || []).join(', ')}`;
		case 'Cron':
			return `Cron ${(iteration.cronContract || {}).cronExpression}`;
		default:
			return iteration.iterationType;
	}
}

const required = (name, type) => `The ${name} field is required when IterationType is ${type}.`;

/**
 * Rules the swagger cannot express (which sub-contract each iteration type needs).
 * @returns {Record<string,string[]>}
 */
function validateIteration(iteration, key) {
	const errors = {};
	const add = (k, message) => (errors[k] = errors[k] || []).push(message);
	if (!iteration || !iteration.iterationType || !iteration.startTime) return errors; // swagger rules report these
	const type = iteration.iterationType;
	if (iteration.endTime && Date.parse(iteration.endTime) < Date.parse(iteration.startTime)) {
		add(`${key}.endTime`, 'The EndTime must be later than the StartTime.');
	}
	if (type === 'Hourly') {
		const hourly = iteration.hourlyContract;
		if (!hourly) add(`${key}.hourlyContract`, required('HourlyContract', type));
		else if (
			(hourly.hours || 0) * 60 + (hourly.minutes || 0) <= 0 ||
			hourly.hours < 0 ||
			hourly.minutes < 0 ||
			hourly.minutes > 59
		) {
			add(`${key}.hourlyContract`, 'The interval must be at least one minute.');
		}
	} else if (type === 'Weekly') {
		const weekly = iteration.weeklyContract;
		if (!weekly) add(`${key}.weeklyContract`, required('WeeklyContract', type));
		else if (!weekly.daysOfWeek || weekly.daysOfWeek.length === 0)
			add(`${key}.weeklyContract.daysOfWeek`, 'At least one day of the week is required.');
	} else if (type === 'Monthly') {
		const monthly = iteration.monthlyContract;
		if (!monthly) add(`${key}.monthlyContract`, required('MonthlyContract', type));
		else if (monthly.simpleDayOfMonth) {
			if (!(monthly.dayOfMonth >= 1 && monthly.dayOfMonth <= 31))
				add(`${key}.monthlyContract.dayOfMonth`, 'The field DayOfMonth must be between 1 and 31.');
		} else {
			if (!monthly.dayOfWeek)
				add(
					`${key}.monthlyContract.dayOfWeek`,
					'The DayOfWeek field is required when SimpleDayOfMonth is false.',
				);
			if (!(monthly.occurrence === -1 || (monthly.occurrence >= 1 && monthly.occurrence <= 5))) {
				add(
					`${key}.monthlyContract.occurrence`,
					'The field Occurrence must be between 1 and 5, or -1 for the last occurrence.',
				);
			}
		}
	} else if (type === 'Custom') {
		const custom = iteration.customContract;
		if (!custom) add(`${key}.customContract`, required('CustomContract', type));
		else {
			if (
				!custom.daysOfMonth ||
				!custom.daysOfMonth.length ||
				custom.daysOfMonth.some((d) => d < 1 || d > 31)
			) {
				add(
					`${key}.customContract.daysOfMonth`,
					'DaysOfMonth must contain values between 1 and 31.',
				);
			}
			if (!custom.months || !custom.months.length || custom.months.some((m) => m < 1 || m > 12)) {
				add(`${key}.customContract.months`, 'Months must contain values between 1 and 12.');
			}
		}
	} else if (type === 'Cron') {
		const cron = iteration.cronContract;
		if (!cron) add(`${key}.cronContract`, required('CronContract', type));
		else {
			try {
				parseCron(cron.cronExpression);
			} catch (error) {
				add(`${key}.cronContract.cronExpression`, error.message);
			}
		}
	}
	return errors;
}

module.exports = { nextRun, frequencyOf, validateIteration, parseCron, DAYS };
