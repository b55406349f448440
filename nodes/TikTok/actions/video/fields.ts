import type { INodePropertyOptions } from 'n8n-workflow';

/** Every field of TikTok's video object (Display API "Video Object"). */
export const VIDEO_FIELDS = [
	'id',
	'create_time',
	'cover_image_url',
	'share_url',
	'video_description',
	'duration',
	'height',
	'width',
	'title',
	'embed_html',
	'embed_link',
	'like_count',
	'comment_count',
	'share_count',
	'view_count',
] as const;

/** The video fields a person reads first: what `simplify` asks TikTok for. */
export const VIDEO_SIMPLE_FIELDS = [
	'id',
	'title',
	'video_description',
	'create_time',
	'duration',
	'share_url',
	'cover_image_url',
	'view_count',
	'like_count',
	'comment_count',
	'share_count',
] as const;

/** Editor options for the Fields option, alphabetized by name (n8n convention). */
export const VIDEO_FIELD_OPTIONS: INodePropertyOptions[] = (
	[
		['id', 'ID', 'Video ID (always returned)'],
		['create_time', 'Create Time', 'When the video was posted (Unix seconds)'],
		['cover_image_url', 'Cover Image URL', 'Cover image URL (valid for 6 hours)'],
		['share_url', 'Share URL', 'Public link to the video'],
		['video_description', 'Video Description', 'Caption of the video'],
		['duration', 'Duration', 'Length in seconds'],
		['height', 'Height', 'Height in pixels'],
		['width', 'Width', 'Width in pixels'],
		['title', 'Title', 'Title of the video'],
		['embed_html', 'Embed HTML', 'HTML to embed the video'],
		['embed_link', 'Embed Link', 'Embed link of the video'],
		['like_count', 'Like Count', 'Number of likes'],
		['comment_count', 'Comment Count', 'Number of comments'],
		['share_count', 'Share Count', 'Number of shares'],
		['view_count', 'View Count', 'Number of views'],
	] satisfies Array<[(typeof VIDEO_FIELDS)[number], string, string]>
)
	.map(([value, name, description]) => ({ name, value, description }))
	.sort((a, b) => a.name.localeCompare(b.name));
