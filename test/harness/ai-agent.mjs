// The AI Agent workflow the agent tests build: a Manual Trigger, n8n's AI Agent, n8n's OpenAI chat
// model pointed at the scripted stand-in (fake-chat-model.mjs), and this node as the agent's
// tools (CUSTOM.haloPsaCompleteTool, the copy n8n makes of a `usableAsTool` node).
import { CREDENTIAL_TYPE } from './n8n.mjs';

export const TOOL_TYPE = 'CUSTOM.haloPsaCompleteTool';

/** n8n's OpenAI credential, pointed at a scripted model from startFakeChatModel(). */
export function scriptedModelCredential(model, id) {
	return {
		id,
		name: 'Scripted model',
		type: 'openAiApi',
		data: { apiKey: 'sk-local-test', url: model.url },
	};
}

/** One HaloPSA tool node on `credential`; `id` defaults to its name. */
export function haloTool(
	name,
	position,
	parameters,
	credential,
	{ id = name, typeVersion = 1.1 } = {},
) {
	return {
		id,
		name,
		type: TOOL_TYPE,
		typeVersion,
		position,
		parameters: { descriptionType: 'auto', ...parameters },
		credentials: { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } },
	};
}

/** The "Find tickets" tool both agent tests give the model: Get Many tickets by words it chooses. */
export function findTicketsTool(credential, options) {
	return haloTool(
		'Find tickets',
		[320, 200],
		{
			resource: 'ticket',
			operation: 'getMany',
			filters: {
				search: "={{ $fromAI('search', 'Words from the ticket summary to look for', 'string') }}",
			},
		},
		credential,
		options,
	);
}

/**
 * Start → AI Agent (asked `prompt`) with the scripted chat model (`modelCredential`) and `tools`,
 * each connected as an ai_tool. `agentVersion`: the AI Agent's typeVersion (n8n 1.123 has up to
 * 3); `idPrefix` keeps the node ids of two such workflows in one import apart.
 */
export function agentWorkflow({
	id,
	name,
	prompt,
	tools,
	modelCredential,
	agentVersion = 3.1,
	idPrefix = '',
}) {
	return {
		id,
		name,
		settings: { executionOrder: 'v1' },
		active: false,
		nodes: [
			{
				id: `${idPrefix}start`,
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: `${idPrefix}agent`,
				name: 'AI Agent',
				type: '@n8n/n8n-nodes-langchain.agent',
				typeVersion: agentVersion,
				position: [220, 0],
				parameters: { promptType: 'define', text: prompt, options: {} },
			},
			{
				id: `${idPrefix}model`,
				name: 'Chat Model',
				type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
				typeVersion: 1.2,
				position: [120, 200],
				parameters: { model: { __rl: true, mode: 'id', value: 'fake-model' }, options: {} },
				credentials: { openAiApi: { id: modelCredential.id, name: modelCredential.name } },
			},
			...tools,
		],
		connections: {
			Start: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'Chat Model': {
				ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]],
			},
			...Object.fromEntries(
				tools.map((tool) => [
					tool.name,
					{ ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
				]),
			),
		},
	};
}
