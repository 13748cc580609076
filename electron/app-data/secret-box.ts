/**
 * Encrypts secrets with the operating system's keychain. Only Electron has one (safeStorage);
 * where it is missing, or where only its plain-text fallback exists, there is no box at all and
 * passwords are never saved.
 */
export interface SecretBox {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
}

/** The slice of Electron's safeStorage the box needs. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
  getSelectedStorageBackend?(): string;
}

/** A box over Electron's safeStorage, or null where it would only pretend to encrypt. */
export function safeStorageBox(storage: SafeStorageLike, platform: NodeJS.Platform): SecretBox | null {
  if (!storage.isEncryptionAvailable()) {
    return null;
  }
  // On Linux without a keyring, safeStorage "encrypts" with a hard-coded key: no better than plain text.
  if (platform === 'linux' && storage.getSelectedStorageBackend?.() === 'basic_text') {
    return null;
  }
  return {
    encrypt: (plain) => storage.encryptString(plain).toString('base64'),
    decrypt: (sealed) => storage.decryptString(Buffer.from(sealed, 'base64')),
  };
}
