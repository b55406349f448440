/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- a test, not node code: its own rules are test/eslint.config.mjs */
/**
 * `npm run bench`, upload memory case (issues 15 and 27): peak memory of `post.publishVideo` (chunked upload) and of
 * `creative.uploadVideo` (one streamed multipart request) uploading a 300 MB video that n8n keeps in its filesystem
 * binary mode, beside the file size and n8n's own baseline.
 *
 * The measure runs in a FRESH child process (scripts/bench.js with BENCH_UPLOAD_MEMORY_CHILD=1), so its peak RSS
 * (`process.resourceUsage().maxRSS`, the kernel's high-water mark) belongs to this upload alone; the fake TikTok API
 * runs in the parent, so the chunks it receives do not count. The child: loads n8n's engine and the package, stores a
 * generated 300 MB MP4 in n8n's filesystem binary store (streamed, never in memory), publishes a 3 MB stored video to
 * warm everything up, takes the baseline (RSS after a GC), then publishes the 300 MB one and reports the peak.
 */
import { fork } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const MB = 1024 * 1024;
// Quick mode (`npm run bench -- --quick`, in .ci/run): a 30 MB file, enough to see it work.
const SIZE_MB = Number(process.env.BENCH_UPLOAD_MB ?? (process.env.BENCH_QUICK === '1' ? 30 : 300));
const CHUNK_MB = Number(process.env.BENCH_UPLOAD_CHUNK_MB ?? 5);

export interface UploadMemoryResult {
	fileBytes: number;
	chunkBytes: number;
	chunks: number;
	baselineRss: number;
	peakRss: number;
	sampledPeakRss: number;
	received: number;
	sha256Match: boolean;
	ms: number;
	/** The same file into the ad account's creative library (one multipart request, streamed from the store). */
	creative: { baselineRss: number; peakRss: number; received: number; md5Match: boolean; ms: number };
}

const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;

/** Parent side: starts the fake, forks the measuring child, prints the result. */
export async function runUploadMemoryCase(): Promise<string> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { startFakeTikTok } = require('../fake-tiktok/server') as { startFakeTikTok: (o?: object) => Promise<{ url: string; state: Record<string, unknown>; close(): Promise<void> }> };
	const fake = await startFakeTikTok({ port: 0 });
	try {
		const result = await new Promise<UploadMemoryResult>((resolve, reject) => {
			const child = fork(path.join(__dirname, '..', '..', 'scripts', 'bench.js'), [], {
				env: { ...process.env, BENCH_UPLOAD_MEMORY_CHILD: '1', BENCH_SKIP_BUILD: '1', BENCH_FAKE_URL: fake.url },
				execArgv: ['--expose-gc'],
				stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
			});
			let answer: UploadMemoryResult | undefined;
			child.on('message', (message) => {
				answer = message as UploadMemoryResult;
			});
			child.on('error', reject);
			child.on('exit', (code) => (answer ? resolve(answer) : reject(new Error(`the upload memory child exited with ${code} and no result`))));
		});
		const growth = result.peakRss - result.baselineRss;
		const rows = [
			['File (filesystem binary mode)', 'Chunks', 'n8n baseline RSS', 'Peak RSS', 'Peak − baseline', '2 chunks', 'Received by TikTok', 'Wall time'],
			['---', '---', '---', '---', '---', '---', '---', '---'],
			[
				mb(result.fileBytes),
				`${result.chunks} × ${mb(result.chunkBytes)}`,
				mb(result.baselineRss),
				mb(result.peakRss),
				mb(growth),
				mb(2 * result.chunkBytes),
				`${mb(result.received)}${result.sha256Match ? ', same SHA-256' : ', BYTES DIFFER'}`,
				`${(result.ms / 1000).toFixed(1)} s`,
			],
		];
		const verdict = growth < 2 * result.chunkBytes ? 'under 2 chunks above the baseline' : 'OVER 2 chunks above the baseline';
		const c = result.creative;
		const creativeGrowth = c.peakRss - c.baselineRss;
		const creativeRows = [
			['File (filesystem binary mode)', 'Requests', 'n8n baseline RSS', 'Peak RSS', 'Peak − baseline', 'Received by TikTok', 'Wall time'],
			['---', '---', '---', '---', '---', '---', '---'],
			[
				mb(result.fileBytes),
				'1 multipart (+ 1 name check)',
				mb(c.baselineRss),
				mb(c.peakRss),
				mb(creativeGrowth),
				`${mb(c.received)}${c.md5Match ? ', same MD5' : ', BYTES DIFFER'}`,
				`${(c.ms / 1000).toFixed(1)} s`,
			],
		];
		return [
			`post.publishVideo: ${mb(result.fileBytes)} video from n8n's filesystem binary mode, peak memory (maxRSS of a fresh process; sampled RSS peak ${mb(result.sampledPeakRss)}): ${verdict}.`,
			'',
			...rows.map((cells) => `| ${cells.join(' | ')} |`),
			'',
			`creative.uploadVideo: the same file into the creative library, streamed in one request (sampled RSS of the same process, after the publish and a GC): ${mb(creativeGrowth)} above its baseline.`,
			'',
			...creativeRows.map((cells) => `| ${cells.join(' | ')} |`),
		].join('\n');
	} finally {
		await fake.close();
	}
}

/** Writes an MP4 of `size` bytes to `file` piece by piece (never whole in memory); returns its SHA-256 and MD5. */
async function writeVideo(file: string, size: number, seconds: number): Promise<{ sha256: string; md5: string }> {
	const box = (type: string, body: Buffer, length = 8 + body.length) => {
		const head = Buffer.alloc(8);
		head.writeUInt32BE(length, 0);
		head.write(type, 4, 'latin1');
		return Buffer.concat([head, body]);
	};
	const ftyp = box('ftyp', Buffer.from('isom\0\0\0\0isomiso2avc1mp41', 'latin1'));
	const mvhd = Buffer.alloc(100);
	mvhd.writeUInt32BE(1000, 12);
	mvhd.writeUInt32BE(seconds * 1000, 16);
	const moov = box('moov', box('mvhd', mvhd));
	const mediaLength = size - ftyp.length - moov.length - 8;
	const mdatHead = box('mdat', Buffer.alloc(0), 8 + mediaLength);
	const hash = crypto.createHash('sha256');
	const md5 = crypto.createHash('md5');
	const out = fs.createWriteStream(file);
	const write = async (chunk: Buffer) => {
		hash.update(chunk);
		md5.update(chunk);
		if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
	};
	await write(Buffer.concat([ftyp, moov, mdatHead]));
	const piece = Buffer.alloc(MB);
	for (let i = 0; i < piece.length; i++) piece[i] = (i * 31 + 7) & 255;
	for (let left = mediaLength; left > 0; left -= piece.length) await write(left >= piece.length ? piece : piece.subarray(0, left));
	await new Promise<void>((r) => out.end(() => r()));
	return { sha256: hash.digest('hex'), md5: md5.digest('hex') };
}

/** Child side: the measure itself (see the file comment). */
export async function uploadMemoryChild(): Promise<void> {
	// The harness registers a jest `afterAll` hook when it loads; outside jest there is none to register with.
	const g = globalThis as unknown as { afterAll?: (fn: () => unknown) => void };
	g.afterAll ??= () => undefined;
	/* eslint-disable @typescript-eslint/no-require-imports */
	const { runTikTokNode } = require('../harness/engine') as typeof import('../harness/engine');
	const { businessCredential, developersCredential } = require('../harness/fake') as typeof import('../harness/fake');
	const core = require('n8n-core') as typeof import('n8n-core');
	const { Container } = require('@n8n/di') as typeof import('@n8n/di');
	/* eslint-enable @typescript-eslint/no-require-imports */
	const fakeUrl = String(process.env.BENCH_FAKE_URL);
	const service = Container.get(core.BinaryDataService);
	await service.init();

	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiktok-bench-upload-'));
	try {
		const stored = async (size: number) => {
			const file = path.join(dir, `video-${size}.mp4`);
			const { sha256, md5 } = await writeVideo(file, size, 30);
			const binary = await service.store({ type: 'execution', workflowId: 'bench', executionId: 'bench' }, fs.createReadStream(file), {
				data: '',
				mimeType: 'video/mp4',
				fileName: path.basename(file),
			} as never);
			fs.rmSync(file);
			if (!String(binary.id).startsWith('filesystem')) throw new Error(`binary stored in mode ${binary.id}, not filesystem`);
			return { item: { json: {}, binary: { data: binary } }, sha256, md5 };
		};
		// The fake's posting state lives in the parent; the credential only needs tokens the parent's fake knows, so
		// the child asks the parent's fake for them through its OAuth flow stand-in: issue them over HTTP.
		const credential = await fakeCredential(fakeUrl, developersCredential);
		const publish = async (item: unknown) => {
			const result = await runTikTokNode({
				parameters: { resource: 'post', operation: 'publishVideo', privacyLevel: 'SELF_ONLY', waitForCompletion: false, options: { chunkSizeMb: CHUNK_MB } },
				credentials: [credential],
				input: [item as never],
			});
			if (result.error) throw new Error(result.error.message);
			if (result.items[0]?.json.error) throw new Error(String(result.items[0].json.error));
			return result.items[0].json;
		};

		const small = await stored(3 * MB);
		await publish(small.item);
		const big = await stored(SIZE_MB * MB);
		(global as unknown as { gc?: () => void }).gc?.();
		await new Promise((r) => setTimeout(r, 200));
		const baselineRss = process.memoryUsage().rss;
		const maxRssBefore = process.resourceUsage().maxRSS * 1024;
		let sampledPeakRss = baselineRss;
		const sampler = setInterval(() => {
			sampledPeakRss = Math.max(sampledPeakRss, process.memoryUsage().rss);
		}, 10);
		const started = Date.now();
		const out = await publish(big.item);
		const ms = Date.now() - started;
		clearInterval(sampler);
		const peakRss = Math.max(process.resourceUsage().maxRSS * 1024, sampledPeakRss);
		const state = (await (await fetch(`${fakeUrl}/__fake/posting/state`)).json()) as { uploads: Array<{ received: number; sha256: string | null }> };
		const upload = state.uploads.at(-1);

		// The same stored file into the creative library: one multipart request streamed from the store.
		(global as unknown as { gc?: () => void }).gc?.();
		await new Promise((r) => setTimeout(r, 200));
		const creativeBaseline = process.memoryUsage().rss;
		let creativePeak = creativeBaseline;
		const creativeSampler = setInterval(() => {
			creativePeak = Math.max(creativePeak, process.memoryUsage().rss);
		}, 10);
		const creativeStarted = Date.now();
		const library = await runTikTokNode({
			parameters: { resource: 'creative', operation: 'uploadVideo', advertiserId: { __rl: true, mode: 'id', value: '7000000000000000001' }, options: { fileName: 'bench-300.mp4' } },
			credentials: [businessCredential({ url: fakeUrl } as never)],
			input: [big.item as never],
		});
		const creativeMs = Date.now() - creativeStarted;
		clearInterval(creativeSampler);
		if (library.error) throw new Error(library.error.message);
		const video = library.items[0].json;
		process.send?.({
			fileBytes: SIZE_MB * MB,
			chunkBytes: Number(out.chunkSize),
			chunks: Number(out.totalChunkCount),
			baselineRss,
			peakRss: peakRss > maxRssBefore ? peakRss : Math.max(sampledPeakRss, baselineRss),
			sampledPeakRss,
			received: upload?.received ?? 0,
			sha256Match: upload?.sha256 === big.sha256,
			ms,
			creative: {
				baselineRss: creativeBaseline,
				peakRss: creativePeak,
				received: Number(video.size ?? 0),
				md5Match: String(video.signature) === big.md5,
				ms: creativeMs,
			},
		} satisfies UploadMemoryResult);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/** A connected credential for the parent's fake: tokens issued by a real authorize + code exchange over HTTP. */
async function fakeCredential(fakeUrl: string, developersCredential: typeof import('../harness/fake').developersCredential) {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { FAKE } = require('../fake-tiktok/server') as { FAKE: { clientKey: string; clientSecret: string } };
	const redirect = 'http://127.0.0.1/callback';
	const authorize = await fetch(`${fakeUrl}/v2/auth/authorize/?client_key=${FAKE.clientKey}&response_type=code&scope=user.info.basic,video.publish,video.upload&redirect_uri=${encodeURIComponent(redirect)}`, { redirect: 'manual' });
	const code = new URL(String(authorize.headers.get('location'))).searchParams.get('code');
	const token = await fetch(`${fakeUrl}/v2/oauth/token/`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ client_key: FAKE.clientKey, client_secret: FAKE.clientSecret, code: String(code), grant_type: 'authorization_code', redirect_uri: redirect }),
	});
	const tokens = (await token.json()) as import('n8n-workflow').IDataObject;
	const base = developersCredential({ url: fakeUrl, state: { developerTokens: new Map(), developerRefreshTokens: new Map() } } as never, { scopes: ['user.info.basic', 'video.publish', 'video.upload'] }, 'bench-developers');
	return { ...base, data: { ...base.data, oauthTokenData: tokens } };
}
