/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a test, not node code: its own rules are test/eslint.config.mjs */
import path from 'node:path';

import type { INodeProperties } from 'n8n-workflow';

import { PACKAGE_ROOT } from '../harness/engine';

/* eslint-disable @typescript-eslint/no-require-imports */
const { sendProperties } = require(path.join(PACKAGE_ROOT, 'dist/nodes/TikTok/actions/event/send.description.js'));
const { STANDARD_EVENTS, CUSTOM_EVENT } = require(path.join(PACKAGE_ROOT, 'dist/nodes/TikTok/actions/event/catalog.js'));
const { registry } = require(path.join(PACKAGE_ROOT, 'dist/nodes/TikTok/actions/registry.js'));
/* eslint-enable @typescript-eslint/no-require-imports */

describe('Event → Send parameters', () => {
	it('the Event dropdown offers exactly TikTok\'s standard events (catalog.ts) and Custom Event', () => {
		const event = (sendProperties as INodeProperties[]).find((p) => p.name === 'event')!;
		const values = (event.options as Array<{ value: string }>).map((o) => o.value);
		expect(values).toEqual([...STANDARD_EVENTS, CUSTOM_EVENT]);
	});

	it('declares its effect for the tool guard: a write', () => {
		expect(registry.event.module.send.effect).toBe('write');
	});
});
