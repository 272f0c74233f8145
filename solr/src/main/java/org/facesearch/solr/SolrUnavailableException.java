package org.facesearch.solr;

import java.util.Optional;
import org.facesearch.data.setting.MentionsSettings;
import org.facesearch.data.setting.SettingMessage;

/** SolrCloud (its ZooKeeper or its nodes) could not be reached or refused a request. */
public final class SolrUnavailableException extends RuntimeException implements MentionsSettings {
  private static final long serialVersionUID = 1L;

  private final transient SettingMessage settingMessage;

  public SolrUnavailableException(String message, Throwable cause) {
    super(message, cause);
    this.settingMessage = null;
  }

  public SolrUnavailableException(String message) {
    this(message, null);
  }

  /** A message naming the settings to check ({@link SolrSetting#ADDRESS}). */
  public SolrUnavailableException(SettingMessage message, Throwable cause) {
    super(message.toString(), cause);
    this.settingMessage = message;
  }

  @Override
  public Optional<SettingMessage> settingMessage() {
    return Optional.ofNullable(settingMessage);
  }
}
