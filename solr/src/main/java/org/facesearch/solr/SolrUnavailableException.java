package org.facesearch.solr;

import java.util.Optional;
import org.facesearch.data.setting.MentionsSettings;
import org.facesearch.data.setting.SettingMessage;

/** SolrCloud (its ZooKeeper or its nodes) could not be reached or refused a request. */
public final class SolrUnavailableException extends RuntimeException implements MentionsSettings {
  private static final long serialVersionUID = 1L;

  /** Which of the two happened: a front end can offer to start a cluster only for the first. */
  public enum Reason {
    /** No SolrCloud answered at the address (nothing running there, or not a SolrCloud). */
    UNREACHABLE,
    /** The cluster answered but a request on it failed. */
    REQUEST_FAILED
  }

  private final Reason reason;
  private final transient SettingMessage settingMessage;

  public SolrUnavailableException(String message, Throwable cause) {
    super(message, cause);
    this.reason = Reason.REQUEST_FAILED;
    this.settingMessage = null;
  }

  public SolrUnavailableException(String message) {
    this(message, null);
  }

  /** No SolrCloud at the address; the message names the settings to check ({@link SolrSetting}). */
  public SolrUnavailableException(SettingMessage message, Throwable cause) {
    super(message.toString(), cause);
    this.reason = Reason.UNREACHABLE;
    this.settingMessage = message;
  }

  public Reason reason() {
    return reason;
  }

  @Override
  public Optional<SettingMessage> settingMessage() {
    return Optional.ofNullable(settingMessage);
  }
}
