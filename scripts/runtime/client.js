'use strict';
// A small client for n8n's own REST API (the one its editor uses, under /rest), signed in with a session cookie like
// a browser. Endpoints as in n8n 2.41.1 packages/cli/src (controllers/owner.controller.ts, auth.controller.ts,
// credentials/credentials.controller.ts, workflows/workflows.controller.ts, executions/executions.controller.ts,
// controllers/oauth/oauth2-credential.controller.ts).
const path = require('node:path');

/** A module from n8n's own install (so versions match the server's). */
function n8nModule(runtime, name) {
	return require(require.resolve(name, { paths: [path.join(runtime.dir, 'node_modules', 'n8n')] }));
}

/** n8n stores execution data with `flatted`; parse it with n8n's own copy. */
function flattedParse(runtime, text) {
	return n8nModule(runtime, 'flatted').parse(text);
}

class N8nError extends Error {
	constructor(message, status, body) {
		super(message);
		this.name = 'N8nError';
		this.status = status;
		this.body = body;
	}
}

class N8nClient {
	constructor(baseUrl, runtime) {
		this.baseUrl = baseUrl.replace(/\/+$/, '');
		this.runtime = runtime;
		/** Cookies n8n set (session, OAuth browser binding), sent back on every request to n8n. */
		this.cookies = new Map();
	}

	cookieHeader() {
		return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
	}

	storeCookies(response) {
		const setCookies = typeof response.headers.getSetCookie === 'function' ? response.headers.getSetCookie() : [];
		for (const header of setCookies) {
			const [pair] = header.split(';');
			const index = pair.indexOf('=');
			const name = pair.slice(0, index).trim();
			const value = pair.slice(index + 1).trim();
			if (/max-age=0|expires=thu, 01 jan 1970/i.test(header) || value === '') this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
	}

	/** A raw request to n8n (cookies sent and stored, redirects not followed). */
	async fetch(pathOrUrl, { method = 'GET', body, headers = {} } = {}) {
		const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${this.baseUrl}${pathOrUrl}`;
		const init = { method, redirect: 'manual', headers: { ...headers }, signal: AbortSignal.timeout(120_000) };
		if (this.cookies.size > 0) init.headers.cookie = this.cookieHeader();
		if (body !== undefined) {
			init.headers['content-type'] = 'application/json';
			init.body = JSON.stringify(body);
		}
		const response = await fetch(url, init);
		this.storeCookies(response);
		const text = await response.text();
		let json;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		return { status: response.status, headers: response.headers, text, json };
	}

	/** A REST call: throws on a non-2xx answer, returns the `data` n8n wraps its answers in. */
	async api(method, restPath, body) {
		const response = await this.fetch(`/rest${restPath}`, { method, body });
		if (response.status < 200 || response.status > 299) {
			const message = response.json?.message ?? response.text.slice(0, 300);
			throw new N8nError(`${method} /rest${restPath} → HTTP ${response.status}: ${message}`, response.status, response.json);
		}
		return response.json && 'data' in response.json ? response.json.data : response.json;
	}

	async settings() {
		return await this.api('GET', '/settings');
	}

	/** Signs in as the owner, creating the owner account first on a fresh instance. */
	async signIn(owner) {
		const settings = await this.settings();
		if (settings.userManagement?.showSetupOnFirstLoad) {
			await this.api('POST', '/owner/setup', owner);
			return 'created';
		}
		await this.api('POST', '/login', { emailOrLdapLoginId: owner.email, password: owner.password });
		return 'signed-in';
	}

	// Credentials.
	async createCredential({ name, type, data }) {
		return await this.api('POST', '/credentials', { name, type, data });
	}

	async getCredential(id, { includeData = false } = {}) {
		return await this.api('GET', `/credentials/${encodeURIComponent(id)}${includeData ? '?includeData=true' : ''}`);
	}

	async findCredential(id) {
		try {
			return await this.getCredential(id);
		} catch (error) {
			if (error.status === 404 || error.status === 403) return undefined;
			throw error;
		}
	}

	async updateCredential(id, { name, type, data }) {
		return await this.api('PATCH', `/credentials/${encodeURIComponent(id)}`, { name, type, data });
	}

	/** n8n's credential test (the editor's "Test" / save check): `{ status: 'OK' | 'Error', message }`. */
	async testCredential(credentials) {
		return await this.api('POST', '/credentials/test', { credentials });
	}

	/**
	 * Tests a saved credential as it is stored, the way the editor does for an opened credential: its data as n8n hands
	 * it out (secrets replaced by n8n's "unchanged" marker, which the server swaps back for the stored values). n8n
	 * shows OAuth token data as `true`; it is sent back as "unchanged" too, so the stored token is what gets tested.
	 */
	async testStoredCredential(id) {
		const current = await this.getCredential(id, { includeData: true });
		const data = { ...(current.data ?? {}) };
		if (data.oauthTokenData === true) data.oauthTokenData = n8nModule(this.runtime, 'n8n-workflow').CREDENTIAL_BLANKING_VALUE;
		return await this.testCredential({ id: current.id, name: current.name, type: current.type, data });
	}

	/**
	 * Connects an OAuth2 credential through n8n's own flow, as a browser would: n8n's authorize URL, the provider's
	 * consent (the fake answers with a redirect at once), then n8n's callback, which exchanges the code and stores the
	 * token. Returns `{ authUrl, callbackUrl, html }`; throws if n8n renders its OAuth error page.
	 */
	async connectOAuth2(credentialId) {
		const authUrl = await this.api('GET', `/oauth2-credential/auth?id=${encodeURIComponent(credentialId)}`);
		// The provider is another site: no n8n cookies go there.
		const consent = await fetch(authUrl, { redirect: 'manual', signal: AbortSignal.timeout(30_000) });
		await consent.arrayBuffer();
		const callbackUrl = consent.headers.get('location');
		if (consent.status !== 302 || !callbackUrl) {
			throw new N8nError(`The authorize URL ${authUrl} answered HTTP ${consent.status} without a redirect`, consent.status);
		}
		if (!callbackUrl.startsWith(`${this.baseUrl}/rest/oauth2-credential/callback`)) {
			throw new N8nError(`The provider redirected to ${callbackUrl}, not to n8n's OAuth2 callback`, consent.status);
		}
		const callback = await this.fetch(callbackUrl);
		// n8n renders `oauth-callback` ("Connection successful") or `oauth-error-callback` ("Failed to connect").
		if (callback.status !== 200 || !/Connection successful/.test(callback.text)) {
			const text = callback.text.replace(/<(style|script)[\s\S]*?<\/\1>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
			throw new N8nError(`n8n's OAuth2 callback failed (HTTP ${callback.status}): ${text.slice(0, 400)}`, callback.status);
		}
		return { authUrl, callbackUrl, html: callback.text };
	}

	// Workflows.
	async createWorkflow(workflow) {
		const { name, nodes, connections, settings, pinData, meta, tags } = workflow;
		return await this.api('POST', '/workflows', {
			name,
			nodes,
			connections,
			settings: settings ?? { executionOrder: 'v1' },
			...(pinData ? { pinData } : {}),
			...(meta ? { meta } : {}),
			...(Array.isArray(tags) && tags.every((t) => typeof t === 'string') ? { tags } : {}),
		});
	}

	async getWorkflow(id) {
		return await this.api('GET', `/workflows/${encodeURIComponent(id)}`);
	}

	async listWorkflows() {
		return await this.api('GET', '/workflows');
	}

	async updateWorkflow(id, workflow) {
		const current = await this.getWorkflow(id);
		return await this.api('PATCH', `/workflows/${encodeURIComponent(id)}?forceSave=true`, {
			name: workflow.name,
			nodes: workflow.nodes,
			connections: workflow.connections,
			settings: workflow.settings ?? current.settings ?? { executionOrder: 'v1' },
			versionId: current.versionId,
		});
	}

	async deleteWorkflow(id) {
		await this.api('POST', `/workflows/${encodeURIComponent(id)}/archive`, {}).catch(() => undefined);
		return await this.api('DELETE', `/workflows/${encodeURIComponent(id)}`);
	}

	/**
	 * Publishes (activates) a workflow's current version and waits until its triggers are live. n8n 2.x activates
	 * through a publication outbox, after the HTTP call returned (packages/cli/src/workflows/publication/): the
	 * trigger's first poll runs then, and its failure shows in the publication status, which is what this waits for.
	 * Throws with the trigger's error message when the activation failed.
	 */
	async activateWorkflow(id, { timeoutMs = 120_000 } = {}) {
		const current = await this.getWorkflow(id);
		const workflow = await this.api('POST', `/workflows/${encodeURIComponent(id)}/activate`, { versionId: current.versionId });
		const status = await this.waitForPublication(id, (s) => !['in_progress', 'not_published'].includes(s.status), timeoutMs);
		if (status && status.status !== 'published') {
			const reasons = (status.triggers ?? []).filter((t) => t.status === 'failed').map((t) => t.errorMessage);
			throw new N8nError(`Activating workflow ${current.name} failed (${status.status}): ${reasons.join('; ') || 'no message'}`, 400, status);
		}
		return { ...workflow, publication: status };
	}

	async deactivateWorkflow(id, { timeoutMs = 60_000 } = {}) {
		const workflow = await this.api('POST', `/workflows/${encodeURIComponent(id)}/deactivate`, {});
		await this.waitForPublication(id, (s) => s.status !== 'in_progress' && !(s.triggers ?? []).some((t) => t.status === 'activated'), timeoutMs);
		return workflow;
	}

	/** Polls a workflow's publication status until `done(status)`; undefined when this n8n has no publication service. */
	async waitForPublication(id, done, timeoutMs) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			let status;
			try {
				status = await this.api('GET', `/workflows/${encodeURIComponent(id)}/publication-status`);
			} catch (error) {
				if (error.status === 404) return undefined;
				throw error;
			}
			if (done(status)) return status;
			if (Date.now() > deadline) throw new N8nError(`Workflow ${id} publication did not settle: ${JSON.stringify(status)}`, 408, status);
			await new Promise((r) => setTimeout(r, 300));
		}
	}

	/** Runs a saved workflow as the editor's "Execute workflow" button does; resolves to the execution ID. */
	async runWorkflow(workflow, triggerName) {
		const trigger = triggerName ?? workflow.nodes.find((n) => /manualTrigger$/i.test(n.type))?.name;
		if (!trigger) throw new Error(`Workflow ${workflow.name} has no Manual Trigger to start from`);
		const result = await this.api('POST', `/workflows/${encodeURIComponent(workflow.id)}/run`, {
			triggerToStartFrom: { name: trigger },
		});
		if (!result?.executionId) throw new Error(`n8n did not start ${workflow.name}: ${JSON.stringify(result)}`);
		return String(result.executionId);
	}

	/** One execution with its run data parsed (`data.resultData.runData`). */
	async getExecution(id) {
		const execution = await this.api('GET', `/executions/${encodeURIComponent(id)}`);
		if (execution && typeof execution.data === 'string') execution.data = flattedParse(this.runtime, execution.data);
		return execution;
	}

	/** Waits until an execution has finished (any final status). */
	async waitForExecution(id, { timeoutMs = 120_000 } = {}) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			let execution;
			try {
				execution = await this.getExecution(id);
			} catch (error) {
				if (error.status !== 404) throw error;
			}
			if (execution && !['new', 'running', 'waiting', 'unknown'].includes(execution.status) && execution.stoppedAt) {
				return execution;
			}
			if (Date.now() > deadline) throw new Error(`Execution ${id} did not finish within ${timeoutMs / 1000} s (status ${execution?.status})`);
			await new Promise((r) => setTimeout(r, 250));
		}
	}

	/** Runs a workflow and waits for its execution. */
	async execute(workflow, options = {}) {
		const id = await this.runWorkflow(workflow, options.triggerName);
		return await this.waitForExecution(id, options);
	}

	/** Executions of a workflow, newest first (summaries, without data). */
	async listExecutions(workflowId) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const result = await this.api('GET', `/executions?filter=${filter}&limit=100`);
		return result.results ?? result;
	}

	/**
	 * Every execution of a workflow, each once it has finished (with its data), newest first. A trigger's execution
	 * is listed as soon as its poll emitted, while it still runs: judge executions only through this.
	 */
	async finishedExecutions(workflowId, { timeoutMs = 120_000 } = {}) {
		const executions = [];
		for (const summary of await this.listExecutions(workflowId)) {
			executions.push(await this.waitForExecution(summary.id, { timeoutMs }));
		}
		return executions;
	}

	/** Descriptions of node types as the editor loads them (`POST /rest/node-types`); throws for unknown types. */
	async nodeTypes(names) {
		return await this.api('POST', '/node-types', { nodeInfos: names.map((name) => ({ name, version: 1 })) });
	}

	/** Every credential type the server has loaded (the editor's `/types/credentials.json`). */
	async credentialTypes() {
		const response = await this.fetch('/types/credentials.json');
		if (response.status !== 200) throw new N8nError(`GET /types/credentials.json → HTTP ${response.status}`, response.status);
		return response.json;
	}
}

/** Output items (json) of a node's last run in an execution, main output 0. */
function nodeOutput(execution, nodeName) {
	const runs = execution?.data?.resultData?.runData?.[nodeName];
	if (!runs?.length) return [];
	return (runs[runs.length - 1].data?.main?.[0] ?? []).map((item) => item.json);
}

/** The execution's error message, if any (workflow or node level). */
function executionError(execution) {
	const error = execution?.data?.resultData?.error;
	if (error) return `${error.message ?? error.name ?? 'error'}${error.description ? `: ${error.description}` : ''}`;
	for (const [node, runs] of Object.entries(execution?.data?.resultData?.runData ?? {})) {
		for (const run of runs) if (run.error) return `${node}: ${run.error.message}${run.error.description ? `: ${run.error.description}` : ''}`;
	}
	return undefined;
}

module.exports = { N8nClient, N8nError, nodeOutput, executionError };
