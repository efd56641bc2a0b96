package org.qualitycity.files.internal;

import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;

/** Picks the {@link BlobStore} named by {@code qc.files.store} ({@code QC_FILES_STORE}, default database). */
@Component
class BlobStores {

    private final BlobStore current;

    BlobStores(List<BlobStore> stores, FilesProperties props) {
        String wanted = props.store().trim().toUpperCase(Locale.ROOT);
        this.current = stores.stream().filter(s -> s.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalStateException("qc.files.store=" + props.store()
                        + " names no attachment store; available: "
                        + stores.stream().map(s -> s.name().toLowerCase(Locale.ROOT)).toList()));
    }

    BlobStore current() {
        return current;
    }
}
