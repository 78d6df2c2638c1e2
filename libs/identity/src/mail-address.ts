import isEmail from 'validator/lib/isEmail';

/**
 * An e-mail address as mail servers take it (validator's isEmail: RFC 5321 lengths, a dot-atom
 * local part without quotes, a domain name with its top-level domain, no IP literal, no display
 * name), lower-cased; null for anything else. `javascript:alert(1)//@x.it` is not an address.
 */
export function mailAddress(text: string | null | undefined): string | null {
  const address = text?.trim().toLowerCase();
  if (!address || address.length > 254) return null;
  return isEmail(address, {
    allow_display_name: false,
    require_tld: true,
    allow_ip_domain: false,
    allow_utf8_local_part: false,
    blacklisted_chars: '"',
  })
    ? address
    : null;
}
