// What the API offers, read once by introspection, so that the page asks only for fields that
// exist and shows "not available" for the rest (the API grows one feature at a time).

import { gql } from './api.js';

const INTROSPECTION = `
  query StatusmapIntrospection {
    __schema {
      types {
        name
        kind
        fields { name args { name type { ...Ref } } type { ...Ref } }
        inputFields { name type { ...Ref } }
        enumValues { name }
        possibleTypes { name }
      }
    }
  }
  fragment Ref on __Type { name kind ofType { name kind ofType { name kind ofType { name kind } } } }
`;

function namedType(ref) {
  let t = ref;
  while (t && !t.name) t = t.ofType;
  return t ? t.name : null;
}

export class ApiSchema {
  constructor(types) {
    this.types = new Map(types.map((t) => [t.name, t]));
  }

  static async load() {
    const data = await gql(INTROSPECTION);
    return new ApiSchema(data.__schema.types);
  }

  field(typeName, fieldName) {
    const type = this.types.get(typeName);
    const list = type && (type.fields || type.inputFields);
    return list ? list.find((f) => f.name === fieldName) || null : null;
  }

  /** The named type a field returns (lists and non-null unwrapped). */
  fieldType(typeName, fieldName) {
    const f = this.field(typeName, fieldName);
    return f ? namedType(f.type) : null;
  }

  /** hasPath('Deal', 'coverage', 'warnings'): does Deal.coverage.warnings exist? */
  hasPath(typeName, ...fields) {
    let current = typeName;
    for (const name of fields) {
      if (!this.field(current, name)) return false;
      current = this.fieldType(current, name);
    }
    return true;
  }

  hasArg(typeName, fieldName, argName) {
    const f = this.field(typeName, fieldName);
    return Boolean(f && f.args && f.args.some((a) => a.name === argName));
  }

  /** hasQuery('workspaces'), hasMutation('upsertInfluence'). */
  hasQuery(name) {
    return Boolean(this.field('Query', name));
  }

  hasMutation(name) {
    return Boolean(this.field('Mutation', name));
  }

  /** The values of an enum, as the API spells them (e.g. CHAMPION), or null. */
  enumValues(typeName) {
    const type = this.types.get(typeName);
    return type && type.enumValues ? type.enumValues.map((v) => v.name) : null;
  }

  /** The enum behind an input field, e.g. inputEnum('SetBuyingCentreMemberInput', 'stance'). */
  inputEnum(inputType, fieldName) {
    const name = this.fieldType(inputType, fieldName);
    return name ? this.enumValues(name) : null;
  }

  /** The input type of a field's argument, e.g. argType('Mutation', 'upsertInfluence', 'input'). */
  argType(typeName, fieldName, argName) {
    const f = this.field(typeName, fieldName);
    const arg = f && f.args ? f.args.find((a) => a.name === argName) : null;
    return arg ? namedType(arg.type) : null;
  }
}
