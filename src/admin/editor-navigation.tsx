import * as React from 'react';
import { Navigate, type RouteObject } from 'react-router-dom';
import { Page, useAuth } from '@strapi/strapi/admin';

/** Where an editor's day starts: the news list (the content manager would open on the first type by English name). */
export const NEWS_LIST = '/content-manager/collection-types/api::news-article.news-article';

const SUPER_ADMIN = 'strapi-super-admin';
const GUIDED_TOUR_KEY = 'STRAPI_GUIDED_TOUR';

type LazyRoute = NonNullable<RouteObject['lazy']>;
type Role = { code?: string };

/**
 * The home page: editors go straight to the news list; the operator (a super admin) keeps Strapi's
 * dashboard, whose project statistics are theirs to watch.
 */
const EditorHome = ({ Dashboard }: { Dashboard: React.ComponentType }): React.ReactElement => {
  const user = useAuth('EditorHome', (state) => state.user) as { roles?: Role[] } | undefined;
  if (user === undefined) return <Page.Loading />;
  const isOperator = (user.roles ?? []).some((role) => role.code === SUPER_ADMIN);
  return isOperator ? <Dashboard /> : <Navigate to={NEWS_LIST} replace />;
};

const withEditorHome = (dashboard: LazyRoute): LazyRoute => async () => {
  const loaded = (await dashboard()) as { Component?: React.ComponentType };
  const Dashboard = loaded.Component ?? (() => null);
  return { Component: () => <EditorHome Dashboard={Dashboard} /> };
};

/**
 * Replaces the home route for editors and sends the bare content manager address (the main menu's
 * link) to the news list.
 */
export const editorRoutes = (routes: RouteObject[]): RouteObject[] => [
  ...routes.map((route) => (route.index === true && route.lazy !== undefined ? { ...route, lazy: withEditorHome(route.lazy) } : route)),
  { path: 'content-manager', element: <Navigate to={NEWS_LIST} replace /> },
];

/**
 * Strapi's guided tour teaches building a schema and API tokens, which is not an editor's work. It
 * only runs in a development build and reads its state from localStorage, so this turns it off there
 * before the admin renders (the tour keeps what it stored and adds what is missing).
 */
export const disableGuidedTour = (): void => {
  let stored: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(GUIDED_TOUR_KEY) ?? '{}');
    if (parsed !== null && typeof parsed === 'object') stored = parsed as Record<string, unknown>;
  } catch {
    // A value Strapi cannot read either; replacing it is what Strapi's own migration would do.
  }
  window.localStorage.setItem(GUIDED_TOUR_KEY, JSON.stringify({ ...stored, enabled: false }));
};
