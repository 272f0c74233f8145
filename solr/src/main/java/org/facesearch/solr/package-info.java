/**
 * The gallery on SolrCloud, over SolrJ only (no Solr server code, no second Lucene on this
 * classpath): {@link org.facesearch.solr.SolrGallery} implements the indexer's {@link
 * org.facesearch.indexer.GalleryIndex} with one collection per build behind an alias; {@link
 * org.facesearch.solr.LocalSolrCloud} starts a throw-away cluster in a child JVM (module {@code
 * solr-local}); {@code org.facesearch.bench.SolrBenchmark} (module {@code benchmarks}) compares it
 * with the embedded index.
 */
package org.facesearch.solr;
