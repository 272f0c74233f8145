package org.facesearch.solr;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.CloudLegacySolrClient;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.client.solrj.util.ClientUtils;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrDocumentList;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.cloud.SolrZkClient;
import org.apache.solr.common.cloud.ZkStateReader;
import org.apache.solr.common.params.CursorMarkParams;
import org.facesearch.data.setting.InvalidSettingException;
import org.facesearch.data.setting.SettingMessage;
import org.facesearch.indexer.Build;
import org.facesearch.indexer.BuildManifest;
import org.facesearch.indexer.GalleryIndex;
import org.facesearch.indexer.GallerySource;
import org.facesearch.indexer.HnswParams;
import org.facesearch.indexer.IndexEntry;
import org.facesearch.indexer.IndexSetting;
import org.facesearch.indexer.IndexedImage;
import org.facesearch.indexer.InvalidIndexException;
import org.facesearch.indexer.Neighbour;
import org.facesearch.indexer.NewBuild;
import org.facesearch.indexer.ServingGallery;

/**
 * The gallery on SolrCloud. Each build is a collection {@code <alias>_<stamp>-<modelId>}; the alias
 * (by default {@code facesearch}) names the serving one, and queries follow it. A re-index builds a
 * new collection beside the serving one, verifies it, and only then moves the alias ({@code
 * CREATEALIAS}, atomic in ZooKeeper): no query ever sees a half-built gallery, and a killed build
 * leaves the alias where it was. Each collection holds one manifest document (id {@code _manifest},
 * no vector, so kNN never returns it); a collection without one is an unfinished build, deleted by
 * the next.
 *
 * <p>Enrolled photos and the lock stay in a local home folder, as for the embedded index: the lock
 * serialises builds and enrolments started from this machine only.
 */
public final class SolrGallery implements GalleryIndex, AutoCloseable {
  public static final String DEFAULT_ALIAS = "facesearch";
  static final String LAYOUT_FILE = "facesearch.properties";
  static final String MANIFEST_ID = "_manifest";

  /** Lucene 9's (and so Solr 9's) limit for a float vector field. */
  public static final int MAX_DIMENSION = 1024;

  static final String ID = "id";
  static final String KIND = "kind";
  static final String FACE = "face";
  static final String MANIFEST = "manifest";
  static final String EMBEDDING = "embedding";
  static final String IDENTITY = "identity";
  static final String IMAGE = "image";
  static final String SOURCE = "source";
  static final String SHA256 = "sha256";
  static final String MODEL_ID = "modelId";

  private static final String[] CONFIG_FILES = {"schema.xml", "solrconfig.xml"};
  private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,60}");
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
  private static final int CONNECT_SECONDS = 10;
  private static final int PAGE = 1000;

  private final SolrAddress address;
  private final String alias;
  private final Path home;
  private final CloudSolrClient client;

  private SolrGallery(SolrAddress address, String alias, Path home, CloudSolrClient client) {
    this.address = address;
    this.alias = alias;
    this.home = home.toAbsolutePath().normalize();
    this.client = client;
  }

  /**
   * Connects to the SolrCloud whose ZooKeeper is at {@code address}.
   *
   * @param alias the alias queries use; each build's collection is named after it
   * @param home the local folder for enrolled photos and the lock
   * @throws SolrUnavailableException naming the address if its ZooKeeper cannot be reached
   */
  // The legacy (Apache HttpClient) cloud client: the HTTP/2 one needs Jetty 10, whose packages
  // clash with the web server's Jetty 12 on one classpath.
  @SuppressWarnings("deprecation")
  public static SolrGallery connect(SolrAddress address, String alias, Path home) {
    if (alias == null || !ALIAS.matcher(alias).matches()) {
      throw new IllegalArgumentException(
          "invalid Solr alias '" + alias + "': use up to 61 letters, digits, '_' or '-'");
    }
    CloudSolrClient client =
        new CloudLegacySolrClient.Builder(address.zkHosts(), address.chroot())
            .withZkConnectTimeout(CONNECT_SECONDS, TimeUnit.SECONDS)
            .withZkClientTimeout(30, TimeUnit.SECONDS)
            .build();
    try {
      client.connect();
      if (!ZkStateReader.from(client).getZkClient().exists("/live_nodes", true)) {
        throw new IllegalStateException("there is no SolrCloud under that ZooKeeper path");
      }
    } catch (Exception e) {
      closeQuietly(client);
      throw new SolrUnavailableException(
          SettingMessage.of(
              "cannot reach SolrCloud's ZooKeeper at "
                  + address
                  + " ("
                  + rootMessage(e)
                  + "); check ",
              SolrSetting.ADDRESS,
              " or " + SolrAddress.ENVIRONMENT + ", and that SolrCloud is running"),
          e);
    }
    return new SolrGallery(address, alias, home, client);
  }

  @Override
  public String location() {
    return "SolrCloud " + address + " (alias " + alias + ")";
  }

  @Override
  public Path dir() {
    return home;
  }

  public String alias() {
    return alias;
  }

  public SolrAddress address() {
    return address;
  }

  /**
   * The configset this alias's collections are created from: named like the alias, so that two
   * galleries on one cluster (or a benchmark beside a gallery) never share a layout.
   */
  public String configSet() {
    return alias;
  }

  /**
   * Uploads facesearch's configset (overwriting an older one) with {@code layout} for every later
   * build's collection. Collections already built keep theirs.
   */
  public void setup(CollectionLayout layout) {
    SolrZkClient zk = ZkStateReader.from(client).getZkClient();
    try {
      for (String file : CONFIG_FILES) {
        put(zk, file, configFile(file));
      }
      put(zk, LAYOUT_FILE, layout.toProperties().getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw failure("cannot upload the " + configSet() + " configset", e);
    }
  }

  /** The shipped configset file {@code name}: the schema and solrconfig.xml. */
  public static byte[] configFile(String name) {
    String resource = "/configsets/facesearch/conf/" + name;
    try (InputStream in = SolrGallery.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read resource " + resource, e);
    }
  }

  private void put(SolrZkClient zk, String file, byte[] data) throws Exception {
    String path = "/configs/" + configSet() + "/" + file;
    if (zk.exists(path, true)) {
      zk.setData(path, data, true);
    } else {
      zk.makePath(path, data, true);
    }
  }

  /**
   * The layout {@link #setup} stored for this alias.
   *
   * @throws SolrNotSetUpException if this alias's configset has not been set up on this cluster
   */
  public CollectionLayout layout() {
    SolrZkClient zk = ZkStateReader.from(client).getZkClient();
    String path = "/configs/" + configSet() + "/" + LAYOUT_FILE;
    try {
      if (!zk.exists(path, true)) {
        throw new SolrNotSetUpException(
            address,
            alias,
            "SolrCloud " + address + " has no " + configSet() + " configset yet; set it up first");
      }
      return CollectionLayout.fromProperties(
          new String(zk.getData(path, null, null, true), StandardCharsets.UTF_8));
    } catch (IllegalStateException e) {
      throw e;
    } catch (Exception e) {
      throw failure("cannot read the collection layout", e);
    }
  }

  @Override
  public Optional<Build> current() {
    return aliasTarget()
        .map(
            collection ->
                open(collection)
                    .orElseThrow(
                        () ->
                            new InvalidIndexException(
                                "Solr alias "
                                    + alias
                                    + " on "
                                    + address
                                    + " names collection "
                                    + collection
                                    + ", which holds no facesearch build")));
  }

  /** The collection the alias names now, read from ZooKeeper (not a cached copy). */
  Optional<String> aliasTarget() {
    try {
      ZkStateReader state = ZkStateReader.from(client);
      state.getAliasesManager().update();
      List<String> targets = state.getAliases().getCollectionAliasListMap().get(alias);
      return targets == null || targets.isEmpty()
          ? Optional.empty()
          : Optional.of(targets.getFirst());
    } catch (Exception e) {
      throw failure("cannot read alias " + alias, e);
    }
  }

  @Override
  public List<Build> builds() {
    List<Build> builds = new ArrayList<>();
    for (String collection : ownCollections()) {
      open(collection).ifPresent(builds::add);
    }
    builds.sort(Comparator.comparing(Build::name));
    return builds;
  }

  /** Every collection named after the alias, finished or not. */
  List<String> ownCollections() {
    try {
      return CollectionAdminRequest.listCollections(client).stream()
          .filter(c -> c.startsWith(alias + "_"))
          .sorted()
          .toList();
    } catch (IOException | SolrServerException e) {
      throw failure("cannot list collections", e);
    }
  }

  /** The build a collection holds, or empty when it has no manifest (an unfinished build). */
  private Optional<Build> open(String collection) {
    SolrQuery query = new SolrQuery(ID + ":" + MANIFEST_ID).setFields(MANIFEST).setRows(1);
    SolrDocumentList found = query(collection, query).getResults();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    String where = "the manifest of Solr collection " + collection;
    BuildManifest manifest =
        BuildManifest.fromJson((String) found.getFirst().getFirstValue(MANIFEST), where);
    return Optional.of(new Build(collection.substring(alias.length() + 1), collection, manifest));
  }

  @Override
  @SuppressWarnings("deprecation") // waitForFinalState: return only once every replica is active
  public NewBuild startBuild(String modelId, int dimension, HnswParams hnsw, Instant createdAt) {
    if (hnsw.quantized()) {
      throw new InvalidSettingException(
          "SolrCloud 9 has no scalar-quantised HNSW; build without ", IndexSetting.QUANTIZED);
    }
    if (dimension > MAX_DIMENSION) {
      throw new IllegalArgumentException(
          "model "
              + modelId
              + " produces "
              + dimension
              + "-dimensional embeddings; SolrCloud 9 supports at most "
              + MAX_DIMENSION);
    }
    CollectionLayout layout = layout();
    removeStaleTemporaries();
    String name = STAMP.format(createdAt) + "-" + modelId.replaceAll("[^A-Za-z0-9._-]", "_");
    List<String> taken = ownCollections();
    String base = name;
    for (int i = 2; taken.contains(alias + "_" + name); i++) {
      name = base + "-" + i;
    }
    String collection = alias + "_" + name;
    try {
      CollectionAdminRequest.Create create =
          CollectionAdminRequest.createCollection(
              collection, configSet(), layout.shards(), layout.replicas());
      create.setProperties(
          Map.of(
              "facesearch.dimension", Integer.toString(dimension),
              "facesearch.hnswM", Integer.toString(hnsw.maxConnections()),
              "facesearch.hnswBeamWidth", Integer.toString(hnsw.beamWidth())));
      create.setWaitForFinalState(true);
      create.process(client);
    } catch (Exception e) {
      deleteQuietly(collection);
      throw failure("cannot create collection " + collection, e);
    }
    return new SolrNewBuild(this, name, collection);
  }

  /** Removes unfinished builds' collections and enrolments' staged photos. Call under the lock. */
  void removeStaleTemporaries() {
    enrolled().removeStaleTemporaries();
    String serving = aliasTarget().orElse("");
    for (String collection : ownCollections()) {
      if (!collection.equals(serving) && open(collection).isEmpty()) {
        delete(collection);
      }
    }
  }

  @Override
  public void add(Build build, List<IndexEntry> entries, Runnable beforeVisible) {
    beforeVisible.run();
    List<SolrInputDocument> docs = entries.stream().map(SolrGallery::document).toList();
    try {
      client.add(build.location(), docs);
      client.commit(build.location(), true, true);
    } catch (Exception e) {
      try {
        client.deleteById(
            build.location(), docs.stream().map(d -> (String) d.getFieldValue(ID)).toList());
        client.commit(build.location(), true, true);
      } catch (Exception cleanup) {
        e.addSuppressed(cleanup);
      }
      throw failure("cannot add to collection " + build.location(), e);
    }
  }

  @Override
  public List<String> prune(int keep) {
    if (keep < 1) {
      throw new IllegalArgumentException("must keep at least 1 build, got " + keep);
    }
    String serving = aliasTarget().orElse("");
    List<Build> builds = builds();
    List<String> removed = new ArrayList<>();
    for (Build build : builds.subList(0, Math.max(0, builds.size() - keep))) {
      if (!build.location().equals(serving)) {
        delete(build.location());
        removed.add(build.name());
      }
    }
    return removed;
  }

  @Override
  public ServingGallery serve(String modelId) {
    return new SolrServing(this, modelId);
  }

  /** Points the alias at {@code collection}: one atomic ZooKeeper update. */
  void moveAlias(String collection) {
    try {
      CollectionAdminRequest.createAlias(alias, collection).process(client);
    } catch (Exception e) {
      throw failure("cannot point alias " + alias + " at " + collection, e);
    }
  }

  void delete(String collection) {
    try {
      CollectionAdminRequest.deleteCollection(collection).process(client);
    } catch (Exception e) {
      throw failure("cannot delete collection " + collection, e);
    }
  }

  void deleteQuietly(String collection) {
    try {
      if (ownCollections().contains(collection)) {
        delete(collection);
      }
    } catch (RuntimeException e) {
      // The next build removes it: it has no manifest.
    }
  }

  boolean exists(String collection) {
    try {
      ZkStateReader state = ZkStateReader.from(client);
      state.forceUpdateCollection(collection);
      return state.getClusterState().hasCollection(collection);
    } catch (Exception e) {
      return false;
    }
  }

  CloudSolrClient client() {
    return client;
  }

  static SolrInputDocument document(IndexEntry entry) {
    SolrInputDocument doc = new SolrInputDocument();
    doc.addField(ID, entry.image().source().name() + ":" + entry.image().image());
    doc.addField(KIND, FACE);
    doc.addField(IDENTITY, entry.image().identity());
    doc.addField(IMAGE, entry.image().image());
    doc.addField(SOURCE, entry.image().source().name());
    doc.addField(SHA256, entry.sha256());
    doc.addField(MODEL_ID, entry.modelId());
    List<Float> vector = new ArrayList<>(entry.embedding().length);
    for (float v : entry.embedding()) {
      vector.add(v);
    }
    doc.addField(EMBEDDING, vector);
    return doc;
  }

  static SolrInputDocument manifestDocument(BuildManifest manifest) {
    SolrInputDocument doc = new SolrInputDocument();
    doc.addField(ID, MANIFEST_ID);
    doc.addField(KIND, MANIFEST);
    doc.addField(MODEL_ID, manifest.modelId());
    doc.addField(MANIFEST, manifest.toJson());
    return doc;
  }

  /**
   * The {@code k} nearest images in {@code collection}, best first. Solr's kNN {@code topK} is per
   * shard; asking every shard for {@code k} and keeping the best {@code k} rows of the merge gives
   * the global top {@code k}. Solr scores cosine as (1 + cos) / 2; that is undone.
   */
  List<Neighbour> nearest(
      String collection, float[] embedding, int k, Optional<String> excludeSha256) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, got " + k);
    }
    StringBuilder vector = new StringBuilder("[");
    for (int i = 0; i < embedding.length; i++) {
      vector.append(i == 0 ? "" : ",").append(embedding[i]);
    }
    SolrQuery query =
        new SolrQuery("{!knn f=" + EMBEDDING + " topK=" + k + "}" + vector.append(']'))
            .setRows(k)
            .setFields(IDENTITY, IMAGE, SOURCE, SHA256, "score");
    excludeSha256.ifPresent(
        sha -> query.addFilterQuery("-" + SHA256 + ":" + ClientUtils.escapeQueryChars(sha)));
    List<Neighbour> neighbours = new ArrayList<>();
    for (SolrDocument doc : query(collection, query).getResults()) {
      float score = ((Number) doc.getFirstValue("score")).floatValue();
      neighbours.add(new Neighbour(image(doc), 2 * score - 1));
    }
    return neighbours;
  }

  /** How many gallery images {@code collection} holds (its manifest not counted). */
  long count(String collection) {
    SolrQuery query = new SolrQuery(KIND + ":" + FACE).setRows(0);
    return query(collection, query).getResults().getNumFound();
  }

  /** Every gallery image of {@code collection}, paged with a cursor. */
  List<IndexedImage> images(String collection) {
    List<IndexedImage> images = new ArrayList<>();
    String cursor = CursorMarkParams.CURSOR_MARK_START;
    while (true) {
      SolrQuery query =
          new SolrQuery(KIND + ":" + FACE)
              .setRows(PAGE)
              .setFields(IDENTITY, IMAGE, SOURCE, SHA256)
              .setSort(ID, SolrQuery.ORDER.asc);
      query.set(CursorMarkParams.CURSOR_MARK_PARAM, cursor);
      QueryResponse response = query(collection, query);
      for (SolrDocument doc : response.getResults()) {
        images.add(image(doc));
      }
      String next = response.getNextCursorMark();
      if (next == null || next.equals(cursor)) {
        return images;
      }
      cursor = next;
    }
  }

  private static IndexedImage image(SolrDocument doc) {
    return new IndexedImage(
        (String) doc.getFirstValue(IDENTITY),
        (String) doc.getFirstValue(IMAGE),
        GallerySource.valueOf((String) doc.getFirstValue(SOURCE)),
        (String) doc.getFirstValue(SHA256));
  }

  QueryResponse query(String collection, SolrQuery query) {
    try {
      // POST: a 1024-long vector does not fit in a URL.
      return client.query(collection, query, SolrRequest.METHOD.POST);
    } catch (Exception e) {
      throw failure("query on collection " + collection + " failed", e);
    }
  }

  SolrUnavailableException failure(String what, Exception e) {
    return new SolrUnavailableException(
        "SolrCloud " + address + ": " + what + ": " + rootMessage(e), e);
  }

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.strip();
  }

  @Override
  public void close() {
    closeQuietly(client);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // Nothing was written through it that a close could lose.
    }
  }
}
