// Signing in: in token mode every call needs `Authorization: Bearer <token>`. The form takes a
// token, checks it with one small query, and keeps it in localStorage; a refused token is
// forgotten and the reason is shown next to the field.

import { UnauthenticatedError, gql, setApiToken } from './api.js';

const CHECK = 'query SignInCheck { __typename }';

export class SignIn {
  /**
   * `section` holds the form and takes the place of `replaces` (the map, the pickers) while
   * shown; `onSignedIn` runs once a token has been accepted.
   */
  constructor({ section, replaces, form, input, error, onSignedIn }) {
    this.section = section;
    this.replaces = replaces;
    this.input = input;
    this.error = error;
    this.onSignedIn = onSignedIn;
    this.checking = false;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit();
    });
  }

  get shown() {
    return !this.section.hidden;
  }

  /** Show the form; `message` (why we ask) appears next to the field. */
  show(message = '') {
    setApiToken(null); // a refused token is of no further use
    for (const el of this.replaces) el.hidden = true;
    this.section.hidden = false;
    this.setError(message);
    this.input.value = '';
    this.input.focus();
  }

  hide() {
    this.section.hidden = true;
    for (const el of this.replaces) el.hidden = false;
  }

  setError(message) {
    this.error.textContent = message;
    if (message) this.input.setAttribute('aria-invalid', 'true');
    else this.input.removeAttribute('aria-invalid');
  }

  async submit() {
    if (this.checking) return;
    const token = this.input.value.trim();
    if (!token) {
      this.setError('Paste your API token first (it starts with smt_).');
      this.input.focus();
      return;
    }
    this.checking = true;
    this.setError('');
    setApiToken(token);
    try {
      await gql(CHECK);
    } catch (e) {
      setApiToken(null);
      this.setError(
        e instanceof UnauthenticatedError
          ? `That token was not accepted (${e.message}). Check that it is complete, or ask an admin for a new one.`
          : `Could not check the token: ${e.message}`,
      );
      this.input.select();
      return;
    } finally {
      this.checking = false;
    }
    this.hide();
    await this.onSignedIn();
  }
}
