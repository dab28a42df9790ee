// A scripted stand-in for an OpenAI-compatible chat model, on 127.0.0.1 only: no outside model is
// ever called. Each answer comes from a script: a function of the conversation so far (the
// messages and tools the AI Agent sent) that returns either a tool call or a final answer.
import { createServer } from 'node:http';

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

let calls = 0;

function completion(model, message, finishReason) {
	calls += 1;
	return {
		id: `chatcmpl-fake-${calls}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model,
		choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
		usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
	};
}

/** The same answer as server-sent chunks, for a client that asked to stream. */
function streamChunks(answer) {
	const { message, finish_reason: finishReason } = answer.choices[0];
	const base = {
		id: answer.id,
		object: 'chat.completion.chunk',
		created: answer.created,
		model: answer.model,
	};
	const delta = { role: 'assistant', content: message.content ?? '' };
	if (message.tool_calls)
		delta.tool_calls = message.tool_calls.map((call, index) => ({ index, ...call }));
	return [
		{ ...base, choices: [{ index: 0, delta, finish_reason: null }] },
		{
			...base,
			choices: [{ index: 0, delta: {}, finish_reason: finishReason }],
			usage: answer.usage,
		},
	];
}

/**
 * script(request) → { tool: name-pattern, arguments } | { content }. `request` is the body the
 * agent sent ({messages, tools, …}); every request is kept in `requests` for assertions.
 */
export async function startFakeChatModel(script) {
	const requests = [];
	const server = createServer(async (req, res) => {
		const body = JSON.parse((await readBody(req)) || '{}');
		if (req.method === 'GET' && req.url.endsWith('/models')) {
			res.writeHead(200, { 'content-type': 'application/json' });
			return res.end(
				JSON.stringify({
					object: 'list',
					data: [{ id: 'fake-model', object: 'model', owned_by: 'tests' }],
				}),
			);
		}
		if (req.method !== 'POST' || !req.url.endsWith('/chat/completions')) {
			res.writeHead(404, { 'content-type': 'application/json' });
			return res.end(JSON.stringify({ error: { message: `no ${req.method} ${req.url} here` } }));
		}
		requests.push(body);
		const step = script(body);
		let answer;
		if (step.tool) {
			const tool = (body.tools ?? []).find((candidate) =>
				step.tool.test(candidate.function?.name ?? ''),
			);
			if (!tool) {
				res.writeHead(400, { 'content-type': 'application/json' });
				return res.end(
					JSON.stringify({
						error: {
							message: `no tool matching ${step.tool} among ${JSON.stringify(body.tools?.map((t) => t.function?.name))}`,
						},
					}),
				);
			}
			const call = {
				id: `call_${calls + 1}`,
				type: 'function',
				function: { name: tool.function.name, arguments: JSON.stringify(step.arguments) },
			};
			answer = completion(
				body.model,
				{ role: 'assistant', content: null, tool_calls: [call] },
				'tool_calls',
			);
		} else {
			answer = completion(body.model, { role: 'assistant', content: step.content }, 'stop');
		}
		if (body.stream) {
			res.writeHead(200, { 'content-type': 'text/event-stream' });
			for (const chunk of streamChunks(answer)) res.write(`data: ${JSON.stringify(chunk)}\n\n`);
			return res.end('data: [DONE]\n\n');
		}
		res.writeHead(200, { 'content-type': 'application/json' });
		return res.end(JSON.stringify(answer));
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	return {
		url: `http://127.0.0.1:${port}/v1`,
		requests,
		close: () => new Promise((resolve) => server.close(resolve)),
	};
}
