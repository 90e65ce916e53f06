// The webapp's own lint rules.

// Message ids read `throughline.<area>.<name>`, the style en.json and ru.json are keyed by.
const MESSAGE_ID = /^throughline(\.[a-zA-Z][a-zA-Z0-9_]*)+$/;

const messageId = {
  meta: { type: 'problem', schema: [], messages: { style: 'Message id "{{id}}" must look like throughline.<area>.<name>.' } },
  create(context) {
    const check = (node) => {
      if (node && node.type === 'Literal' && typeof node.value === 'string' && !MESSAGE_ID.test(node.value)) {
        context.report({ node, messageId: 'style', data: { id: node.value } });
      }
    };
    return {
      'CallExpression[callee.name="defineMessages"] > ObjectExpression > Property > ObjectExpression > Property[key.name="id"]': (p) =>
        check(p.value),
      'JSXOpeningElement[name.name="FormattedMessage"] > JSXAttribute[name.name="id"]': (a) => check(a.value),
    };
  },
};

const hasKey = (element) => element.openingElement.attributes.some((a) => a.type === 'JSXAttribute' && a.name.name === 'key');

// react-intl puts the elements given as message values into an array and passes it through
// Children.toArray; React 19 then warns once per render for every element that had no key.
const keyedValues = {
  meta: {
    type: 'problem',
    schema: [],
    messages: {
      key: 'An element given as a message value needs a key: wrap the values in keyed({...}) (components/keyed.ts); React 19 warns otherwise.',
    },
  },
  create(context) {
    const check = (node, seen = new Set()) => {
      if (!node || seen.has(node)) {
        return;
      }
      seen.add(node);
      if (node.type === 'JSXElement' && !hasKey(node)) {
        context.report({ node, messageId: 'key' });
      } else if (node.type === 'JSXFragment') {
        context.report({ node, messageId: 'key' });
      } else if (node.type === 'ConditionalExpression') {
        check(node.consequent, seen);
        check(node.alternate, seen);
      } else if (node.type === 'LogicalExpression') {
        check(node.right, seen);
      } else if (node.type === 'Identifier') {
        // A value named by a local constant: check what it was given.
        let scope = context.sourceCode.getScope(node);
        while (scope) {
          const variable = scope.set.get(node.name);
          if (variable) {
            const def = variable.defs[0];
            if (variable.defs.length === 1 && def.type === 'Variable' && def.node.init) {
              check(def.node.init, seen);
            }
            return;
          }
          scope = scope.upper;
        }
      }
    };
    const checkValues = (object) => {
      if (object && object.type === 'ObjectExpression') {
        for (const p of object.properties) {
          check(p.type === 'Property' ? p.value : null);
        }
      }
    };
    return {
      'JSXOpeningElement[name.name="FormattedMessage"] > JSXAttribute[name.name="values"]': (a) =>
        checkValues(a.value && a.value.type === 'JSXExpressionContainer' ? a.value.expression : null),
      'CallExpression[callee.name="formatMessage"], CallExpression[callee.property.name="formatMessage"]': (call) =>
        checkValues(call.arguments[1]),
    };
  },
};

export default { rules: { 'message-id': messageId, 'keyed-values': keyedValues } };
