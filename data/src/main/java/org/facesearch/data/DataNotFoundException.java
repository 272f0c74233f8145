package org.facesearch.data;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.facesearch.data.setting.MentionsSettings;
import org.facesearch.data.setting.SettingMessage;

/**
 * No usable LFW copy where one was expected. The message says which folder was looked at and why it
 * was rejected; {@link #missing()} and {@link #folder()} let a front end say how to get the data in
 * its own words.
 */
public final class DataNotFoundException extends RuntimeException implements MentionsSettings {
  private static final long serialVersionUID = 1L;

  /** What the folder lacks: a front end fetches the whole copy either way, but says why. */
  public enum Missing {
    /** No LFW photos (the folder is absent, empty or laid out differently). */
    PHOTOS,
    /** The photos are there but a protocol file (e.g. {@code pairs.txt}) is not. */
    PROTOCOL_FILE
  }

  private final Missing missing;
  private final transient Path folder;
  private final transient Path workspaceFolder;
  private final transient SettingMessage settingMessage;

  /** {@code folder} lacks what {@code missing} says; {@code message} says so. */
  public DataNotFoundException(Missing missing, Path folder, String message) {
    super(message);
    this.missing = Objects.requireNonNull(missing, "missing");
    this.folder = Objects.requireNonNull(folder, "folder");
    this.workspaceFolder = null;
    this.settingMessage = null;
  }

  /**
   * No photos in {@code folder}, chosen by the setting {@code message} names; {@code
   * workspaceFolder} is the workspace's own data folder, where LFW goes when no folder is named.
   */
  public DataNotFoundException(Path folder, Path workspaceFolder, SettingMessage message) {
    super(message.toString());
    this.missing = Missing.PHOTOS;
    this.folder = Objects.requireNonNull(folder, "folder");
    this.workspaceFolder = Objects.requireNonNull(workspaceFolder, "workspaceFolder");
    this.settingMessage = message;
  }

  public Missing missing() {
    return missing;
  }

  /** The folder looked in. */
  public Path folder() {
    return folder;
  }

  /** The workspace's data folder, when the folder was chosen by {@link DataLocation}. */
  public Optional<Path> workspaceFolder() {
    return Optional.ofNullable(workspaceFolder);
  }

  @Override
  public Optional<SettingMessage> settingMessage() {
    return Optional.ofNullable(settingMessage);
  }
}
