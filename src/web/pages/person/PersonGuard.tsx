/** The person's pages need a person session; the pages read the logged-in person through usePerson. */
import { createContext, type ReactNode, useContext } from 'react';
import { SessionGuard } from '../../components/SessionGuard.tsx';
import type { PersonProfile } from '../../types.ts';

const PersonContext = createContext<PersonProfile | undefined>(undefined);

export function usePerson(): PersonProfile | undefined {
  return useContext(PersonContext);
}

export function PersonGuard(props: { children: ReactNode }) {
  return (
    <SessionGuard<PersonProfile>
      apiPrefix="/api/person"
      loginPath="/me/login"
      bannerTestId="person-banner"
      banner={(me) => (
        <>
          {me.name}（{me.certificateNoMasked}）· {me.insuredRegionName} · {me.insuranceTypeZh}
        </>
      )}
    >
      {(me) => <PersonContext.Provider value={me}>{props.children}</PersonContext.Provider>}
    </SessionGuard>
  );
}
