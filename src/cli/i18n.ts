/** The CLI's words, from the one home of the shells' words (src/messages/words/cli.ts). */
export { t } from '../messages/words/cli.ts';
