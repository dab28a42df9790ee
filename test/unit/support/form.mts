// Reading a form as n8n-workflow types it: what a collection or fixedCollection holds (parameters,
// groups, plain options) told apart, and the Operation selector of a resource.
import assert from 'node:assert/strict';
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

/** One entry of a parameter's `options`: a choice, a collection's parameter, or a fixedCollection group. */
export type FormChild = INodePropertyOptions | INodeProperties | INodePropertyCollection;

/** A collection's parameter (it has a type), rather than a choice or a group. */
export function isProperty(child: FormChild): child is INodeProperties {
	return 'type' in child;
}

/** A fixedCollection's group of parameters. */
export function isGroup(child: FormChild): child is INodePropertyCollection {
	return 'values' in child;
}

/** A choice of an options parameter. */
export function isChoice(child: FormChild): child is INodePropertyOptions {
	return !isProperty(child) && !isGroup(child);
}

/** The choices of an options parameter; it must hold nothing else. */
export function choicesOf(property: INodeProperties): INodePropertyOptions[] {
	const options = property.options ?? [];
	const choices = options.filter(isChoice);
	assert.equal(choices.length, options.length, `${property.name} holds more than choices`);
	return choices;
}

/** The Operation parameter shown for a resource. */
export function operationSelector(
	properties: INodeProperties[],
	resource: string,
): INodeProperties {
	const selector = properties.find(
		(property) =>
			property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource),
	);
	assert.ok(selector, `no Operation parameter for ${resource}`);
	return selector;
}

/** The operation values the form offers for a resource. */
export function operationValues(properties: INodeProperties[], resource: string): string[] {
	return choicesOf(operationSelector(properties, resource)).map(({ value }) => {
		assert.equal(typeof value, 'string', `${resource}: operation ${value} is no string`);
		return String(value);
	});
}
