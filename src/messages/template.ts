/** The shape of a catalogue entry: one template per language, given the parameters and the way to say things. */
import type { Message, MessageCode, MessageParams } from '../domain/message.ts';
import type { Text } from '../domain/text.ts';
import type { Tier } from '../domain/valuation.ts';

export interface Say {
  n: (v: number, digits?: number) => string;
  /** A stated or computed figure: whole numbers as they are, others to four significant digits. */
  fig: (v: number) => string;
  list: (items: readonly string[]) => string;
  tier: (t: Tier) => string;
  kind: (id: string) => string;
  tech: (id: string) => string;
  muni: (nr: string) => string;
  /** A kind or technology by name with the id a user types after it: «Halm (halm)»; the id alone without names. */
  kindId: (id: string) => string;
  techId: (id: string) => string;
  /** A text the data carries ({nb, en}), in the language. */
  text: (t: Text) => string;
  /** A message nested in this one (a label), in the language and with the same names. */
  msg: (m: Message) => string;
}

export type Template<C extends MessageCode> = (p: MessageParams[C], s: Say) => string;

/** Templates for a set of codes (a part of the catalogue). */
export type CataloguePart<Codes extends MessageCode> = { [C in Codes]: { nb: Template<C>; en: Template<C> } };

/** Neutral sample parameters for a set of codes (ids and numbers, no words), for the language tests. */
export type SamplesPart<Codes extends MessageCode> = { [C in Codes]: MessageParams[C] };
