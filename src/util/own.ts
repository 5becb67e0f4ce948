/**
 * A value of an object used as a dictionary, by an id that comes from a file: only the object's
 * own entries count, so that an id such as `constructor` or `toString` is an id like any other
 * (never the `Object` function or a method inherited from the prototype).
 */
export function own<T>(dictionary: Readonly<Record<string, T>> | undefined | null, key: string): T | undefined {
  return dictionary && Object.prototype.hasOwnProperty.call(dictionary, key) ? dictionary[key] : undefined;
}
