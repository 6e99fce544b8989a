/** Whether `value` is a time zone this runtime knows (an IANA name such as Asia/Shanghai). */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
