/**
 * AG Grid's modules and theme, in the lazily loaded grid chunk. Only the modules the grids use
 * are registered, which keeps the chunk smaller than AllCommunityModule.
 */
import {
  CellApiModule,
  CellStyleModule,
  ColumnApiModule,
  InfiniteRowModelModule,
  RenderApiModule,
  RowApiModule,
  ModuleRegistry,
  RowSelectionModule,
  ScrollApiModule,
  themeQuartz,
} from 'ag-grid-community';
import { GRID_DARK_PARAMS } from '../app/theme';

// Column resizing and overlays are part of the core. ColumnApiModule is for `getColumnState`
// (reading the multi-column sort back), RowApiModule for `getDisplayedRowAtIndex` (row focus),
// ScrollApiModule for scrolling the focused row into view when a pane resizes the grid, and
// RenderApiModule for re-rendering cells when the time zone changes, CellApiModule for copying
// cells as they are shown (`getCellValue` with the formatter).
ModuleRegistry.registerModules([
  CellApiModule,
  InfiniteRowModelModule,
  RowSelectionModule,
  CellStyleModule,
  ColumnApiModule,
  RowApiModule,
  ScrollApiModule,
  RenderApiModule,
]);

/** The Quartz theme tuned dense and neutral, with a dark mode (app/theme.ts); the font is the app's system font, nothing remote. */
export const gridTheme = themeQuartz.withParams({
  fontFamily: 'inherit',
  fontSize: 12,
  headerFontSize: 12,
  headerFontWeight: 600,
  spacing: 5,
  rowHeight: 26,
  headerHeight: 30,
  cellHorizontalPadding: 8,
  accentColor: '#2f6feb',
  foregroundColor: '#1f2328',
  borderColor: '#e3e6ea',
  headerBackgroundColor: '#f6f7f9',
  oddRowBackgroundColor: '#fbfbfc',
  selectedRowBackgroundColor: '#e4edfd',
  wrapperBorder: false,
  wrapperBorderRadius: 0,
  browserColorScheme: 'light',
}).withParams(GRID_DARK_PARAMS, 'dark');
