import type { INodeProperties } from 'n8n-workflow';

import { agentOutputProperties, agentSwitchProperties } from '../helpers/tool';

import { resourceProperties, resourceProperty } from './registry';
import { requestOptions } from './common.descriptions';
import { requestsPerSecondProperty } from './requestsPerSecond.description';

/** The resource selector and every operation's parameters, in the order the editor shows them (from the registry). */
export const nodeProperties: INodeProperties[] = [
	resourceProperty(),
	...resourceProperties(),
	requestOptions,
	requestsPerSecondProperty,
	// Shown only when the node is an AI agent's tool: what a call returns (Output, Fields to Return), then Allow
	// Destructive Operations, Allow Spending, Allow Public Posting.
	...agentOutputProperties,
	...agentSwitchProperties,
];
