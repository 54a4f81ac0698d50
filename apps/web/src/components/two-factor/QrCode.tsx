/**
 * The enrolment QR code. The SVG markup is made by the API (core/two-factor/totp.ts, the qrcode
 * package: paths only, no scripts or style attributes), so it can go in as markup; the CSP forbids
 * inline scripts, not inline SVG.
 */
export function QrCode({ svg }: { svg: string }) {
  return (
    <div
      className="h-48 w-48 shrink-0 rounded-lg border border-slate-200 bg-white p-1 [&>svg]:h-full [&>svg]:w-full"
      role="img"
      aria-label="QR code for your authenticator app"
      data-testid="two-factor-qr"
      dangerouslySetInnerHTML={{ __html: svg }}
    />
  );
}
