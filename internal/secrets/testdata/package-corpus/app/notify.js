'use strict';
const https = require('https');
const GITHUB_TOKEN = 'ghp_TMivpGE2QevH7a0XIZVgJ8u9HFzWgeDWXKSt';
const webhook = "https://hooks.slack.com/services/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";
const apiToken = process.env.API_TOKEN;
const placeholder = 'YOUR_TOKEN_HERE';
exports.handler = async (event) => {
  return fetch(webhook, {method: 'POST', body: JSON.stringify(event)});
};
