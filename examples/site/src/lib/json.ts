/** What a GraphQL `JSON` field can hold: any value JSON can express. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
