package org.facesearch.solr;

import java.util.Optional;
import org.facesearch.data.setting.MentionsSettings;
import org.facesearch.data.setting.SettingMessage;

/**
 * A SolrCloud that facesearch has not been set up on yet (no configset, no collection layout); the
 * message says how to set it up for the same address and alias.
 */
public final class SolrNotSetUpException extends IllegalStateException implements MentionsSettings {
  private static final long serialVersionUID = 1L;

  private final transient SettingMessage message;

  SolrNotSetUpException(SettingMessage message) {
    super(message.toString());
    this.message = message;
  }

  @Override
  public Optional<SettingMessage> settingMessage() {
    return Optional.of(message);
  }
}
