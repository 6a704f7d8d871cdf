/** The three texts of an entry in one language. */
export interface ErrorTexts {
  readonly title: string;
  readonly explanation: string;
  readonly fix: string;
}
