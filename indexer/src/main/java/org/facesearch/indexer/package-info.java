/**
 * The gallery index: LFW (plus enrolled people) embedded by a model into versioned HNSW indexes,
 * kept by a {@link org.facesearch.indexer.GalleryIndex}: the embedded Lucene one ({@link
 * org.facesearch.indexer.lucene}) or a SolrCloud collection alias (module {@code solr}).
 *
 * <p>Layout of an embedded index root ({@link org.facesearch.indexer.lucene.IndexRoot}):
 *
 * <pre>
 *   CURRENT                      name of the serving build (replaced atomically)
 *   builds/&lt;stamp&gt;-&lt;modelId&gt;/   one complete Lucene index + build.json each
 *   builds/.tmp-*                a build being written, or left by a killed one
 *   enrolled/&lt;Name&gt;/&lt;Name&gt;_NNNN.jpg   LFW-framed photos of enrolled people
 *   .lock                        OS lock held while building or enrolling
 * </pre>
 *
 * <p>Entry points: {@link org.facesearch.indexer.IndexBuilder} (build, verify, switch), {@link
 * org.facesearch.indexer.Reindexer} (rebuild only when stale, prune old builds), {@link
 * org.facesearch.indexer.Enroller} (add a person to the serving build), {@link
 * org.facesearch.indexer.FaceReader} (photo to LFW-framed face, shared with the searcher) and
 * {@link org.facesearch.indexer.GalleryIndex} (the seam between that logic and a store).
 */
package org.facesearch.indexer;
