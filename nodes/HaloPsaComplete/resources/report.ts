import type { ResourceDefinition } from '../helpers/types';
import { orderFilters } from './common';

/** Halo's reports (`AnalyzerProfile`): listed, run by id, or a read-only SQL query run as one. */
export const report: ResourceDefinition = {
	value: 'report',
	displayName: 'Report',
	description: 'Reports, run for their rows, and read-only SQL queries',
	schemaEntity: 'AnalyzerProfile',
	path: '/Report',
	owner: {
		kind: 'unprovable',
		why: 'a report or a query can read any table, of every client',
	},
	listKey: 'reports',
	idType: 'number',
	nameField: 'name',
	searchParam: 'search',
	pages: true,
	getMany: {
		filters: [
			{ key: 'search', kind: 'string', hint: 'Text to search report names for' },
			{
				key: 'reportgroup_id',
				label: 'Report Group ID',
				kind: 'number',
				hint: 'Only reports in this group',
			},
			{ key: 'type', kind: 'number', hint: 'Only reports of this Halo report type' },
			{
				key: 'chartonly',
				label: 'Charts Only',
				kind: 'boolean',
				hint: 'Whether to list only reports with a chart',
			},
			{
				key: 'includepublished',
				label: 'Include Published',
				kind: 'boolean',
				hint: 'Whether to include published reports',
			},
			...orderFilters,
		],
	},
	extraActions: [
		{
			value: 'run',
			name: 'Run',
			action: 'Run a report',
			description: 'Run a saved report and output its rows, one item each',
			kind: 'runReport',
			method: 'GET',
			path: '/Report/{id}',
			fixedQuery: { loadreport: true },
			needsId: true,
			options: [
				{
					key: 'reportingperiodstartdate',
					label: 'Period Start',
					kind: 'dateTime',
					hint: 'Start of the reporting period, for reports with a date filter',
				},
				{
					key: 'reportingperiodenddate',
					label: 'Period End',
					kind: 'dateTime',
					hint: 'End of the reporting period',
				},
				{
					key: 'reportingperiod',
					label: 'Reporting Period',
					kind: 'number',
					hint: 'Halo’s number of a predefined period (this week, last month…)',
				},
				{
					key: 'client_id',
					label: 'Client ID',
					kind: 'number',
					hint: 'Client to run the report for, for client reports',
				},
			],
		},
		{
			value: 'runSql',
			name: 'Run SQL',
			action: 'Run a SQL query',
			description:
				'Run a read-only SELECT query through the HaloPSA report engine and output its rows',
			kind: 'runSql',
			method: 'POST',
			path: '/Report',
			fixedBody: { _loadreportonly: true },
			needsId: false,
			parameters: [
				{
					key: 'sql',
					label: 'SQL Query',
					kind: 'text',
					placeholder: 'SELECT Faultid, Symptom FROM Faults WHERE Status = 1',
					hint: 'One SELECT (or WITH … SELECT) statement, without comments. Anything that could change data is refused before it is sent.',
				},
			],
		},
	],
};
