/** The institution pages need an institution session; which institution is decided by the server. */
import type { ReactNode } from 'react';
import { SessionGuard } from '../../components/SessionGuard.tsx';
import type { InstitutionProfile } from '../../types.ts';

export function InstitutionGuard(props: { children: ReactNode }) {
  return (
    <SessionGuard<InstitutionProfile>
      apiPrefix="/api/institution"
      loginPath="/institution/login"
      bannerTestId="institution-banner"
      banner={(me) => (
        <>
          {me.name}（{me.institutionCode}）· {me.regionName}
        </>
      )}
    >
      {() => props.children}
    </SessionGuard>
  );
}
