export function Logo({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" className="logo">
      <rect width="32" height="32" rx="8" fill="var(--accent)" />
      <path
        d="M16 6.5l2.6 6 6.4.6-4.9 4.3 1.5 6.3L16 20.4l-5.6 3.3 1.5-6.3L7 13.1l6.4-.6z"
        fill="var(--accent-contrast)"
      />
    </svg>
  );
}
