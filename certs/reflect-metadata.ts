/**
 * @peculiar/x509 uses tsyringe, which refuses to load unless `Reflect.getMetadata` exists. The
 * polyfill packages it suggests are not among our dependencies, so this installs the few functions
 * tsyringe calls (get/getOwn/define/has metadata), and nothing when a real polyfill is already loaded.
 * Metadata lives in a WeakMap keyed by target, then property key (undefined = the target itself).
 */
type MetadataKey = unknown;
type PropertyKeyOrUndefined = string | symbol | undefined;

interface ReflectMetadataApi {
  getMetadata(key: MetadataKey, target: object, property?: string | symbol): unknown;
  getOwnMetadata(key: MetadataKey, target: object, property?: string | symbol): unknown;
  hasMetadata(key: MetadataKey, target: object, property?: string | symbol): boolean;
  hasOwnMetadata(key: MetadataKey, target: object, property?: string | symbol): boolean;
  defineMetadata(key: MetadataKey, value: unknown, target: object, property?: string | symbol): void;
}

const store = new WeakMap<object, Map<PropertyKeyOrUndefined, Map<MetadataKey, unknown>>>();

function ownMap(target: object, property: PropertyKeyOrUndefined, create: boolean): Map<MetadataKey, unknown> | undefined {
  let byProperty = store.get(target);
  if (!byProperty) {
    if (!create) return undefined;
    byProperty = new Map();
    store.set(target, byProperty);
  }
  let entries = byProperty.get(property);
  if (!entries && create) {
    entries = new Map();
    byProperty.set(property, entries);
  }
  return entries;
}

const api: ReflectMetadataApi = {
  getOwnMetadata: (key, target, property) => ownMap(target, property, false)?.get(key),
  hasOwnMetadata: (key, target, property) => ownMap(target, property, false)?.has(key) ?? false,
  getMetadata(key, target, property) {
    // Like reflect-metadata: walk the prototype chain so subclasses see their parents' metadata.
    for (let t: object | null = target; t; t = Object.getPrototypeOf(t) as object | null) {
      const entries = ownMap(t, property, false);
      if (entries?.has(key)) return entries.get(key);
    }
    return undefined;
  },
  hasMetadata(key, target, property) {
    for (let t: object | null = target; t; t = Object.getPrototypeOf(t) as object | null) {
      if (ownMap(t, property, false)?.has(key)) return true;
    }
    return false;
  },
  defineMetadata(key, value, target, property) {
    ownMap(target, property, true)?.set(key, value);
  },
};

const reflect = Reflect as unknown as Partial<ReflectMetadataApi>;
if (typeof reflect.getMetadata !== 'function') Object.assign(Reflect, api);
