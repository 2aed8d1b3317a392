/** The console needs a staff session; the region shown is the account's, enforced by the server. */
import type { ReactNode } from 'react';
import { SessionGuard } from '../../components/SessionGuard.tsx';
import type { StaffProfile } from '../../types.ts';

export function AgencyGuard(props: { children: ReactNode }) {
  return (
    <SessionGuard<StaffProfile>
      apiPrefix="/api/agency"
      loginPath="/agency/login"
      bannerTestId="staff-banner"
      banner={(me) => (
        <>
          {me.regionName}医保经办 · {me.name}
        </>
      )}
    >
      {() => props.children}
    </SessionGuard>
  );
}
