// `require('n8n-nodes-tiktok-suite')` gives the node and credential classes (n8n itself loads the files listed in
// package.json's `n8n` section, not this one). Needs the build: `npm run build`.
module.exports = {
	TikTok: require('./dist/nodes/TikTok/TikTok.node.js').TikTok,
	TikTokTrigger: require('./dist/nodes/TikTok/TikTokTrigger.node.js').TikTokTrigger,
	TikTokBusinessOAuth2Api: require('./dist/credentials/TikTokBusinessOAuth2Api.credentials.js').TikTokBusinessOAuth2Api,
	TikTokOAuth2Api: require('./dist/credentials/TikTokOAuth2Api.credentials.js').TikTokOAuth2Api,
};
