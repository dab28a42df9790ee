// n8n-workflow's classes as the sources see them. The sources run as CommonJS (tsx, as the package
// builds them) and load n8n-workflow's CommonJS build; a test (an ES module) importing
// 'n8n-workflow' would get its ES build, whose classes are other classes, and `instanceof` would
// fail for every error the node throws. Tests take n8n-workflow's values from here.
import { createRequire } from 'node:module';
import type * as Workflow from 'n8n-workflow';

const workflow = createRequire(import.meta.url)('n8n-workflow') as typeof Workflow;

export const { NodeApiError, NodeError, NodeHelpers, NodeOperationError } = workflow;
export type NodeApiError = Workflow.NodeApiError;
export type NodeError = Workflow.NodeError;
export type NodeOperationError = Workflow.NodeOperationError;
