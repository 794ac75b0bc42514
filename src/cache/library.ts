/**
 * @actions/cache as a bundle of its own (dist/cache/): with the Azure SDK under it, it is two thirds
 * of what main and post would load at start, and only the steps that fall back from the streaming
 * client (cache/v2/) need it. library-cache.ts imports it at run time; ncc never sees the import.
 */
export * from '@actions/cache'
