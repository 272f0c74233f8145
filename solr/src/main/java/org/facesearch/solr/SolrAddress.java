package org.facesearch.solr;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a SolrCloud's ZooKeeper ensemble is: {@code host:port[,host:port...][/chroot]}, as Solr's
 * own {@code -z} option takes it (e.g. {@code zk1:2181,zk2:2181/solr}).
 */
public record SolrAddress(List<String> zkHosts, Optional<String> chroot) {
  /** The environment variable that may stand for {@code --solr}. */
  public static final String ENVIRONMENT = "FACESEARCH_SOLR";

  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._\\-\\[\\]:]+:\\d{1,5}");
  private static final Pattern CHROOT = Pattern.compile("(/[A-Za-z0-9._\\-]+)+");

  public SolrAddress {
    zkHosts = List.copyOf(zkHosts);
    if (zkHosts.isEmpty()) {
      throw new IllegalArgumentException("a SolrCloud address needs at least one ZooKeeper host");
    }
  }

  /**
   * Parses {@code host:port[,host:port...][/chroot]}.
   *
   * @throws IllegalArgumentException naming the address and the expected form
   */
  public static SolrAddress parse(String address) {
    String text = address == null ? "" : address.strip();
    int slash = text.indexOf('/');
    String hosts = slash < 0 ? text : text.substring(0, slash);
    String chroot = slash < 0 ? null : text.substring(slash);
    List<String> list = Arrays.stream(hosts.split(",")).map(String::strip).toList();
    if (hosts.isEmpty()
        || !list.stream().allMatch(h -> HOST.matcher(h).matches())
        || (chroot != null && !CHROOT.matcher(chroot).matches())) {
      throw new IllegalArgumentException(
          "'"
              + address
              + "' is not a SolrCloud ZooKeeper address: use host:port[,host:port...][/chroot],"
              + " e.g. localhost:9983 or zk1:2181,zk2:2181/solr");
    }
    return new SolrAddress(list, Optional.ofNullable(chroot));
  }

  @Override
  public String toString() {
    return String.join(",", zkHosts) + chroot.orElse("");
  }
}
