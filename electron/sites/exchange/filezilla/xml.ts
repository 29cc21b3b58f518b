/**
 * A small, safe view of an XML document for reading FileZilla's files, over
 * fast-xml-parser (Node has no XML parser of its own).
 *
 * Security: a document with a DOCTYPE is refused outright. FileZilla never
 * writes one, and it is the only way in for entity tricks (external entities,
 * "billion laughs"). Only built-in entities and numeric character references
 * are decoded. Text is kept exactly (no trimming), because a
 * password or name may start or end with spaces.
 */
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { FerryError } from '../../../../shared/errors';

/** An element: its name, attributes and children in document order. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
}

/** A child of an element: an element, or a run of text (CDATA included). */
export type XmlNode = XmlElement | { text: string };

/** The shape fast-xml-parser gives with `preserveOrder`: `{ tag: children, ':@': attributes }` or `{ '#text': text }`. */
type OrderedNode = Record<string, unknown>;

/** Parses `text` and returns its root element. Throws `INVALID_INPUT` with the line of the first error. */
export function parseXml(text: string): XmlElement {
  const source = text.replace(/^\uFEFF/, '');
  if (/<!DOCTYPE/i.test(source)) {
    throw new FerryError('INVALID_INPUT', 'The file has a DOCTYPE declaration, which Ferry does not accept in a site file.');
  }
  const valid = XMLValidator.validate(source);
  if (valid !== true) {
    throw new FerryError('INVALID_INPUT', `The file is not valid XML (line ${valid.err.line}: ${valid.err.msg}).`);
  }
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    trimValues: false,
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: true,
    // Turns on numeric references (&#233;, which pugixml writes for control characters) besides XML's
    // own five; the few HTML names it adds (&nbsp;…) are not valid XML and never appear in FileZilla's files.
    htmlEntities: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
  });
  const nodes = (parser.parse(source) as OrderedNode[]).map(toNode).filter(isElement);
  if (nodes.length !== 1) throw new FerryError('INVALID_INPUT', 'The file is not valid XML (it needs exactly one top element).');
  return nodes[0]!;
}

/** True for an element (not text). */
export function isElement(node: XmlNode): node is XmlElement {
  return 'name' in node;
}

/** The child elements of `element`, only those called `name` when given. */
export function childElements(element: XmlElement, name?: string): XmlElement[] {
  return element.children.filter(isElement).filter((child) => name === undefined || child.name === name);
}

/** The first child element called `name`. */
export function childElement(element: XmlElement, name: string): XmlElement | undefined {
  return childElements(element, name)[0];
}

/** The element's own text (its text children joined), exactly as written. */
export function ownText(element: XmlElement): string {
  return element.children.map((child) => ('text' in child ? child.text : '')).join('');
}

/** Builds an XML document (declaration included) from elements, escaping text and attributes. */
export function buildXml(root: XmlElement): string {
  const builder = new XMLBuilder({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    format: true,
    indentBy: '\t',
    suppressEmptyNode: true,
    processEntities: true,
  });
  const declaration = { '?xml': [{ '#text': '' }], ':@': { version: '1.0', encoding: 'UTF-8', standalone: 'yes' } };
  return `${builder.build([declaration, fromNode(root)])}\n`;
}

/** Shorthand for an element with text content. */
export function textElement(name: string, text: string, attributes: Record<string, string> = {}): XmlElement {
  return { name, attributes, children: text === '' ? [] : [{ text }] };
}

function toNode(node: OrderedNode): XmlNode {
  if ('#text' in node) return { text: String(node['#text']) };
  const name = Object.keys(node).find((key) => key !== ':@')!;
  const attributes = Object.fromEntries(
    Object.entries((node[':@'] as Record<string, unknown> | undefined) ?? {}).map(([key, value]) => [key, String(value)]),
  );
  return { name, attributes, children: ((node[name] as OrderedNode[] | undefined) ?? []).map(toNode) };
}

function fromNode(node: XmlNode): OrderedNode {
  if (!isElement(node)) return { '#text': node.text };
  const out: OrderedNode = { [node.name]: node.children.map(fromNode) };
  if (Object.keys(node.attributes).length > 0) out[':@'] = { ...node.attributes };
  return out;
}
