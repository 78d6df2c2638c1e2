import { useEffect, useRef, type ReactNode } from 'react';

/** The first page of a visit keeps the browser's own focus (Tab reaches "Vai al contenuto" first). */
let firstPage = true;

/**
 * The page's h1, also the document title; it takes focus when the page changes within the app,
 * so screen readers and keyboard users start from the top of the new page.
 */
export function PageTitle({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · RTD Hub`;
    if (firstPage) {
      firstPage = false;
      return;
    }
    ref.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <h1 ref={ref} tabIndex={-1} className="rtd-page-title">
      {children}
    </h1>
  );
}
