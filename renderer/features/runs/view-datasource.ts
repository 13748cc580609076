/**
 * The runs view's datasource: the table explorer's paged datasource over any paged call
 * (`runs.page`, `runs.steps`), under the names the runs view uses.
 */
export { createPagedDatasource as createViewDatasource } from '../tables/create-datasource';
export type { PageFetcher, PagedDatasourceOptions as ViewDatasourceOptions } from '../tables/create-datasource';
