/** `#token=<t>` (what `npm run dev` prints): the token, and the hash left once it is removed. */
export function tokenFromHash(hash: string): { token: string; rest: string } | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const token = params.get('token');
  if (!token) return null;
  params.delete('token');
  const rest = params.toString();
  return { token, rest: rest ? `#${rest}` : '' };
}
