// The fake's posting state (test/fake-tiktok/posting.js), typed for the tests.
import type { FakeTikTok } from '../harness/fake';

export interface Upload {
	videoSize: number;
	chunkSize: number;
	totalChunkCount: number;
	received: number;
	chunks: Array<{ first: number; last: number; length: number; contentType: string }>;
	sha256: string | null;
	complete: boolean;
	authorizationSeen: boolean;
	faults: Array<{ index: number; status: number; applied?: boolean }>;
}

export interface Posting {
	config: Record<string, unknown> & { creator: Record<string, unknown>; chunkFaults: unknown[] };
	uploads: Map<string, Upload>;
	reset(): void;
}

export const posting = (fake: FakeTikTok) => fake.state.posting as Posting;
export const uploads = (fake: FakeTikTok) => [...posting(fake).uploads.values()];

