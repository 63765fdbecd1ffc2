package io.mlship.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {

    private final List<String> lines = new ArrayList<>();
    private final LineSplitter splitter = new LineSplitter(lines::add);

    @Test
    void joinsLinesSplitAcrossChunks() {
        splitter.accept("Step 1/2 : FR");
        splitter.accept("OM base\n ---> abc\nlast");
        splitter.finish();
        assertThat(lines).containsExactly("Step 1/2 : FROM base", " ---> abc", "last");
    }

    @Test
    void treatsCrLfAsOneLineEndEvenWhenSplitAcrossChunks() {
        splitter.accept("one\r");
        splitter.accept("\ntwo\r\nthree\rfour\n");
        assertThat(lines).containsExactly("one", "two", "three", "four");
    }

    @Test
    void keepsEmptyLines() {
        splitter.accept("a\n\nb\n");
        assertThat(lines).containsExactly("a", "", "b");
    }

    @Test
    void forStorageOnlyANewlineEndsALineAndCarriageReturnsStay() {
        LineSplitter keeping = LineSplitter.keepingCarriageReturns(lines::add);
        keeping.accept("one\r");
        keeping.accept("\ntwo\r\nthree\rfour\n");
        assertThat(lines).containsExactly("one\r", "two\r", "three\rfour");
    }
}
