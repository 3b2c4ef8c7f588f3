/**
 * Typed errors of key files. Identify them by `.name`; each carries the file path and a message
 * that tells the operator what to do. None of them ever leads to a key being regenerated.
 */

/** Base class of every key-file error. */
export class KeyFileError extends Error {
  override name = 'KeyFileError'
  constructor(
    readonly path: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options)
  }
}

/** The file is readable by group or others (mode must be 0600 or stricter). */
export class InsecureKeyFileError extends KeyFileError {
  override name = 'InsecureKeyFileError'
  constructor(
    path: string,
    readonly mode: number,
  ) {
    super(
      path,
      `key file ${path} has mode ${(mode & 0o777).toString(8).padStart(4, '0')}; it must not be readable by group or others (chmod 600 ${path})`,
    )
  }
}

/** The file's bytes are damaged, truncated or not a Bazaar key file. */
export class CorruptKeyFileError extends KeyFileError {
  override name = 'CorruptKeyFileError'
  constructor(path: string, reason: string, options?: ErrorOptions) {
    super(
      path,
      `key file ${path} is corrupt (${reason}); restore it from a backup, it is not regenerated`,
      options,
    )
  }
}

/** The passphrase does not decrypt the file (the file itself is intact: its checksum matches). */
export class WrongPassphraseError extends KeyFileError {
  override name = 'WrongPassphraseError'
  constructor(path: string) {
    super(path, `wrong passphrase for key file ${path}`)
  }
}

/** The file is encrypted and no passphrase was given. */
export class PassphraseRequiredError extends KeyFileError {
  override name = 'PassphraseRequiredError'
  constructor(path: string) {
    super(path, `key file ${path} is encrypted: a passphrase is required`)
  }
}

/** A passphrase was given but the file is stored in clear: refuse rather than pretend. */
export class KeyFileNotEncryptedError extends KeyFileError {
  override name = 'KeyFileNotEncryptedError'
  constructor(path: string) {
    super(
      path,
      `key file ${path} is not encrypted but a passphrase was given; remove the passphrase or re-encrypt the key`,
    )
  }
}

/** The file holds a key of another kind (a settlement key where a peer key was expected). */
export class WrongKeyKindError extends KeyFileError {
  override name = 'WrongKeyKindError'
  constructor(
    path: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(path, `key file ${path} holds a ${actual} key, expected a ${expected} key`)
  }
}
